import { and, eq, gt, inArray, sql } from "drizzle-orm";
import { statusesBefore } from "../core/invitation-status";
import type { Database } from "./client";
import { eventInsertStatement, type RecordedEvent, recordedFrom } from "./events-repo";
import { invitations, organizations } from "./schema";

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
export async function resolveLink(
  db: Database,
  token: string,
  workflowToken: string,
  now: Date,
  countOpen: boolean,
): Promise<{ target: LinkTarget | null; events: RecordedEvent[] }> {
  const read = db
    .select({
      workflowToken: invitations.workflowToken,
      status: invitations.status,
      expiresAt: invitations.expiresAt,
      locale: invitations.locale,
      organizationName: organizations.name,
    })
    .from(invitations)
    .innerJoin(organizations, eq(organizations.id, invitations.organizationId))
    .where(eq(invitations.token, token));
  if (!countOpen) return { target: (await read.get()) ?? null, events: [] };
  const valid = and(eq(invitations.workflowToken, workflowToken), gt(invitations.expiresAt, now));
  const event = eventInsertStatement(db, {
    token,
    type: "link.opened",
    at: now,
    guard: valid,
    transition: { to: "opened", webhookType: "invitation.opened" },
  });
  const open = db
    .update(invitations)
    .set({
      status: "opened",
      openedAt: sql`COALESCE(${invitations.openedAt}, ${now.getTime()})`,
      updatedAt: now,
    })
    .where(and(eq(invitations.token, token), valid, inArray(invitations.status, statusesBefore("opened"))));
  const [recorded, , rows] = await db.batch([event, open, read]);
  return { target: rows[0] ?? null, events: recordedFrom([recorded]) };
}
