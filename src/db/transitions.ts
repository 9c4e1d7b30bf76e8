import { and, eq, inArray, type SQL, sql } from "drizzle-orm";
import { type InvitationStatus, statusesBefore } from "../core/invitation-status";
import type { Database } from "./client";
import { invitations } from "./schema";

type InvitationChanges = Partial<typeof invitations.$inferInsert>;

/** The invitation's status is before `to`, so a move to it is forward. */
export function isBefore(to: InvitationStatus): SQL {
  return inArray(invitations.status, statusesBefore(to));
}

/** For a change that does more than move the status: `to` where that is a step forward, else unchanged. */
export function forwardTo(to: InvitationStatus): SQL<InvitationStatus> {
  return sql<InvitationStatus>`CASE WHEN ${isBefore(to)} THEN ${to} ELSE ${invitations.status} END`;
}

/**
 * Every forward-only status change is this one statement: the invitations `where` selects move to `to` (with
 * `also`, and `openedAt` kept from the first open) only if `to` is ahead of where they are, so a late or
 * repeated event never moves one back. The one way back, a resend (sent → pending), is not a transition and
 * lives with the resend (src/invitations/send-again.ts).
 */
export function moveStatus(
  db: Database,
  where: SQL | undefined,
  to: InvitationStatus,
  at: Date,
  also: InvitationChanges = {},
) {
  return db
    .update(invitations)
    .set({
      ...also,
      status: to,
      updatedAt: at,
      ...(to === "opened" ? { openedAt: sql`COALESCE(${invitations.openedAt}, ${at.getTime()})` } : {}),
    })
    .where(and(where, isBefore(to)));
}

/** `moveStatus` for one invitation by its token. */
export function moveInvitation(
  db: Database,
  token: string,
  to: InvitationStatus,
  at: Date,
  also?: InvitationChanges,
  guard?: SQL,
) {
  return moveStatus(db, and(eq(invitations.token, token), guard), to, at, also);
}
