import { and, eq, gt, type SQL, sql } from "drizzle-orm";
import type { Database } from "./client";
import { organizationOfInvitation, widgetOfInvitation } from "./invitation-conditions";
import { type Plan, plan } from "./plan";
import { invitations, organizations, widgetConfigurations } from "./schema";
import { eventInsertStatementWhere, recordedFrom } from "./timeline";
import { forwardTo, isBefore } from "./transitions";
import { deactivationReasonColumn } from "./vortex-deactivate-repo";

export interface ShortLinkTarget {
  token: string;
  status: string;
  deactivated: boolean;
  /** Why it was deactivated (`revoked`, `declined`, `scope_deleted`); null while it is active. */
  deactivationReason: string | null;
  expiresAt: Date;
  locale: string;
  organizationName: string;
  /** The Vortex fields: `unfurlConfig`, `inviter`… */
  vortex: Record<string, unknown> | null;
  landingUrl: string;
  unfurlDefaults: Record<string, string> | null;
}

const byCode = (code: string) => and(eq(invitations.shortCode, code), eq(invitations.dialect, "vortex"));

/**
 * What the short link answers with, in one read: the Vortex invitation of `code`, joined with its
 * organization and widget configuration (landing URL, unfurl defaults). Read-only, so the link may run it
 * on a read replica.
 */
export async function findShortLinkTarget(db: Database, code: string): Promise<ShortLinkTarget | null> {
  const rows = await db
    .select({
      token: invitations.token,
      status: invitations.status,
      deactivated: invitations.deactivated,
      deactivationReason: deactivationReasonColumn(),
      expiresAt: invitations.expiresAt,
      locale: invitations.locale,
      organizationName: organizations.name,
      vortex: invitations.vortex,
      landingUrl: widgetConfigurations.landingUrl,
      unfurlDefaults: widgetConfigurations.unfurlDefaults,
    })
    .from(invitations)
    .innerJoin(organizations, organizationOfInvitation)
    .innerJoin(widgetConfigurations, widgetOfInvitation)
    .where(byCode(code));
  return rows[0] ?? null;
}

/** One visit of a short link, as the `link-visits` consumer records it. */
export interface ShortLinkVisitRecord {
  code: string;
  at: Date;
  /** A person's visit is a click-through; any other is a view (a preview, a scanner, a HEAD). */
  person: boolean;
  /** The visit's classification, stored as the event's data. */
  click: Record<string, unknown>;
}

/**
 * A short-link visit, recorded only if `fresh` (not recorded before) and the link was valid when visited
 * (not revoked, not expired). A person's click counts `clickThroughs`, records `link.clicked` (webhook
 * `invitation.link.clicked`, every click) and moves the status forward to `opened`; any other visit counts
 * `views` and records `link.scanned`, with no webhook and no status change.
 */
export function recordShortLinkVisit(db: Database, visit: ShortLinkVisitRecord, fresh: SQL): Plan<void> {
  const { at } = visit;
  // `and` of defined conditions is never undefined; `0` keeps the typing fail-closed rather than match-all.
  const valid =
    and(byCode(visit.code), eq(invitations.deactivated, false), gt(invitations.expiresAt, at), fresh) ??
    sql`0`;
  const data = { click: visit.click };
  if (!visit.person) {
    const scan = eventInsertStatementWhere(db, valid, { type: "link.scanned", at, data });
    const view = db
      .update(invitations)
      .set({ views: sql`${invitations.views} + 1` })
      .where(valid);
    return plan([scan, view], ([recorded]) => ({ value: undefined, events: recordedFrom([recorded]) }));
  }
  const moves = isBefore("opened");
  const event = eventInsertStatementWhere(db, valid, {
    type: "link.clicked",
    webhookType: "invitation.link.clicked",
    at,
    data,
  });
  const click = db
    .update(invitations)
    .set({
      clickThroughs: sql`${invitations.clickThroughs} + 1`,
      status: forwardTo("opened"),
      openedAt: sql`COALESCE(${invitations.openedAt}, ${at.getTime()})`,
      updatedAt: sql`CASE WHEN ${moves} THEN ${at.getTime()} ELSE ${invitations.updatedAt} END`,
    })
    .where(valid);
  return plan([event, click], ([recorded]) => ({ value: undefined, events: recordedFrom([recorded]) }));
}
