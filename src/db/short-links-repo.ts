import { and, eq, gt, sql } from "drizzle-orm";
import type { Database } from "./client";
import { organizationOfInvitation, widgetOfInvitation } from "./invitation-conditions";
import { type Plan, plan } from "./plan";
import { invitations, organizations, widgetConfigurations } from "./schema";
import { eventInsertStatementWhere, recordedFrom } from "./timeline";
import { forwardTo, isBefore } from "./transitions";

export interface ShortLinkTarget {
  token: string;
  status: string;
  deactivated: boolean;
  expiresAt: Date;
  locale: string;
  organizationName: string;
  /** The Vortex fields: `unfurlConfig`, `inviter`… */
  vortex: Record<string, unknown> | null;
  landingUrl: string;
  unfurlDefaults: Record<string, string> | null;
}

/** A preview bot's or link checker's `view`, or a person's `click`. */
export type ShortLinkVisit = "view" | "click";

/**
 * The short-link hot path, in one D1 round trip. A view counts `views`; a click counts `clickThroughs`,
 * records `link.clicked` (webhook `invitation.link.clicked`, every click) and moves the status forward to
 * `opened`. Both count only while the link is valid (not revoked, not expired). The batch then reads what
 * the caller should answer, joined with the widget configuration (landing URL, unfurl defaults).
 */
export function resolveShortLink(
  db: Database,
  code: string,
  now: Date,
  visit: ShortLinkVisit,
): Plan<ShortLinkTarget | null> {
  const byCode = and(eq(invitations.shortCode, code), eq(invitations.dialect, "vortex"));
  // `and` of defined conditions is never undefined; `false` keeps the typing fail-closed rather than match-all.
  const valid = and(byCode, eq(invitations.deactivated, false), gt(invitations.expiresAt, now)) ?? sql`0`;
  const read = db
    .select({
      token: invitations.token,
      status: invitations.status,
      deactivated: invitations.deactivated,
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
    .where(byCode);

  if (visit === "view") {
    const view = db
      .update(invitations)
      .set({ views: sql`${invitations.views} + 1` })
      .where(valid);
    return plan([view, read], ([, rows]) => ({ value: (rows as ShortLinkTarget[])[0] ?? null, events: [] }));
  }

  const moves = isBefore("opened");
  const event = eventInsertStatementWhere(db, valid, {
    type: "link.clicked",
    webhookType: "invitation.link.clicked",
    at: now,
  });
  const click = db
    .update(invitations)
    .set({
      clickThroughs: sql`${invitations.clickThroughs} + 1`,
      status: forwardTo("opened"),
      openedAt: sql`COALESCE(${invitations.openedAt}, ${now.getTime()})`,
      updatedAt: sql`CASE WHEN ${moves} THEN ${now.getTime()} ELSE ${invitations.updatedAt} END`,
    })
    .where(valid);
  return plan([event, click, read], ([recorded, , rows]) => ({
    value: (rows as ShortLinkTarget[])[0] ?? null,
    events: recordedFrom([recorded]),
  }));
}

/**
 * Visits counted in an isolate's buffer, in one batch: per link its views and clicks added (only while it
 * is valid) and, for clicks, one `link.clicked` event with the count (webhook `invitation.link.clicked`).
 */
export function recordBufferedVisits(
  db: Database,
  visits: { code: string; views: number; clicks: number }[],
  now: Date,
): Plan<void> {
  const statements = visits.flatMap(({ code, views, clicks }) => {
    const valid =
      and(
        eq(invitations.shortCode, code),
        eq(invitations.dialect, "vortex"),
        eq(invitations.deactivated, false),
        gt(invitations.expiresAt, now),
      ) ?? sql`0`;
    const count = db
      .update(invitations)
      .set({
        views: sql`${invitations.views} + ${views}`,
        clickThroughs: sql`${invitations.clickThroughs} + ${clicks}`,
      })
      .where(valid);
    if (clicks === 0) return [count];
    const event = eventInsertStatementWhere(db, valid, {
      type: "link.clicked",
      webhookType: "invitation.link.clicked",
      at: now,
      data: { count: clicks },
    });
    return [event, count];
  });
  return plan(statements, (results) => ({ value: undefined, events: recordedFrom(results) }));
}
