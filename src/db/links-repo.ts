import { and, eq, gt, type SQL, sql } from "drizzle-orm";
import type { Database } from "./client";
import { organizationOfInvitation } from "./invitation-conditions";
import { type Plan, plan } from "./plan";
import { invitations, organizations } from "./schema";
import { eventInsertStatement, recordedFrom } from "./timeline";
import { moveInvitation } from "./transitions";
import { deactivationReasonColumn } from "./vortex-deactivate-repo";

export interface LinkTarget {
  workflowToken: string;
  status: string;
  deactivated: boolean;
  /** Why it was deactivated (`revoked`, `declined`, `scope_deleted`); null while it is active. */
  deactivationReason: string | null;
  expiresAt: Date;
  locale: string;
  organizationName: string;
}

/**
 * What the start link answers with, in one read: the invitation of `token` (its workflow, status, whether
 * and why it was deactivated, expiry) and its organization's name. Read-only, so the link may run it on a read replica.
 */
export async function findLinkTarget(db: Database, token: string): Promise<LinkTarget | null> {
  const rows = await db
    .select({
      workflowToken: invitations.workflowToken,
      status: invitations.status,
      deactivated: invitations.deactivated,
      deactivationReason: deactivationReasonColumn(),
      expiresAt: invitations.expiresAt,
      locale: invitations.locale,
      organizationName: organizations.name,
    })
    .from(invitations)
    .innerJoin(organizations, organizationOfInvitation)
    .where(eq(invitations.token, token));
  return rows[0] ?? null;
}

/** One click on a start link, as the `link-visits` consumer records it. */
export interface StartLinkVisitRecord {
  token: string;
  workflowToken: string;
  at: Date;
  /** Only a person's click opens the invitation. */
  person: boolean;
  /** The click's classification, stored as the event's data. */
  click: Record<string, unknown>;
}

/**
 * A start-link click, recorded only if `fresh` (the visit was not recorded before) and the link was valid
 * when clicked (its workflow, not deactivated, not expired). A person's click is `link.opened` and moves the invitation
 * forward to `opened` (webhook `invitation.opened` only if it moved); an automated one is `link.scanned`
 * and changes nothing else.
 */
export function recordStartLinkVisit(db: Database, visit: StartLinkVisitRecord, fresh: SQL): Plan<void> {
  const { token, at } = visit;
  // `and` of defined conditions is never undefined; `0` keeps the typing fail-closed rather than match-all.
  const guard =
    and(
      eq(invitations.workflowToken, visit.workflowToken),
      eq(invitations.deactivated, false),
      gt(invitations.expiresAt, at),
      fresh,
    ) ?? sql`0`;
  const data = { click: visit.click };
  if (!visit.person) {
    const scan = eventInsertStatement(db, { token, type: "link.scanned", at, data, guard });
    return plan([scan], (results) => ({ value: undefined, events: recordedFrom(results) }));
  }
  const event = eventInsertStatement(db, {
    token,
    type: "link.opened",
    at,
    data,
    guard,
    transition: { to: "opened", webhookType: "invitation.opened" },
  });
  const open = moveInvitation(db, token, "opened", at, {}, guard);
  return plan([event, open], ([recorded]) => ({ value: undefined, events: recordedFrom([recorded]) }));
}
