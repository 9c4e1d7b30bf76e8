import { and, eq, gt } from "drizzle-orm";
import type { Database } from "./client";
import { organizationOfInvitation } from "./invitation-conditions";
import { type Plan, plan } from "./plan";
import { invitations, organizations } from "./schema";
import { eventInsertStatement, recordedFrom } from "./timeline";
import { moveInvitation } from "./transitions";

export interface LinkTarget {
  workflowToken: string;
  status: string;
  expiresAt: Date;
  locale: string;
  organizationName: string;
}

/**
 * The link-click hot path, in one D1 round trip. For a person, the batch records the open on the timeline
 * and moves the invitation forward to `opened` (both only if the workflow matches and the link is valid),
 * then reads what the caller should answer.
 */
export function resolveLink(
  db: Database,
  token: string,
  workflowToken: string,
  now: Date,
  countOpen: boolean,
): Plan<LinkTarget | null> {
  const read = db
    .select({
      workflowToken: invitations.workflowToken,
      status: invitations.status,
      expiresAt: invitations.expiresAt,
      locale: invitations.locale,
      organizationName: organizations.name,
    })
    .from(invitations)
    .innerJoin(organizations, organizationOfInvitation)
    .where(eq(invitations.token, token));
  if (!countOpen) {
    return plan([read], ([rows]) => ({ value: (rows as LinkTarget[])[0] ?? null, events: [] }));
  }
  const valid = and(eq(invitations.workflowToken, workflowToken), gt(invitations.expiresAt, now));
  const event = eventInsertStatement(db, {
    token,
    type: "link.opened",
    at: now,
    guard: valid,
    transition: { to: "opened", webhookType: "invitation.opened" },
  });
  const open = moveInvitation(db, token, "opened", now, {}, valid);
  return plan([event, open, read], ([recorded, , rows]) => ({
    value: (rows as LinkTarget[])[0] ?? null,
    events: recordedFrom([recorded]),
  }));
}
