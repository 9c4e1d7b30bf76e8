import { and, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { Scope } from "../core/scope";
import { inList } from "./bounded";
import type { Database } from "./client";
import { inDialect } from "./invitation-conditions";
import { type Plan, plan } from "./plan";
import { invitationEvents, invitations } from "./schema";
import { eventInsertStatementEach, recordedFrom } from "./timeline";
import { tokensInGroup } from "./vortex-scope-repo";

/** Why invitations were deactivated, on their `invitation.deactivated` events. */
export type DeactivationReason = "revoked" | "declined" | "scope_deleted";

const DEDUPE_PREFIX = "deactivated";

/**
 * Why the invitation of the row being read was deactivated, from its `invitation.deactivated` event (found by
 * its unique dedupe key), or NULL while it is active: a column for a read of `invitations`.
 */
export function deactivationReasonColumn(): SQL<string | null> {
  return sql<
    string | null
  >`CASE WHEN ${invitations.deactivated} THEN (SELECT json_extract(${invitationEvents.data}, '$.reason') FROM ${invitationEvents} WHERE ${invitationEvents.dedupeKey} = ${`${DEDUPE_PREFIX}:`} || ${invitations.token}) END`;
}

/** Which of the caller's Vortex invitations to deactivate: some by token, or every one of a scope. */
export type Deactivated = { tokens: string[] } | { groupType: string; groupId: string };

/**
 * Deactivates the caller's invitations that `which` selects, as two statements however many it selects: the
 * `invitation.deactivated` event of each that was still active (so a repeat is silent), then the update
 * that kills their links. Its value is the tokens selected.
 */
export function deactivateInvitations(
  db: Database,
  scope: Scope,
  which: Deactivated,
  now: Date,
  reason: DeactivationReason,
): Plan<string[]> {
  const selected = and(inDialect(scope, "vortex", "check"), selection(db, scope, which)) ?? sql`0`;
  const event = eventInsertStatementEach(db, and(selected, eq(invitations.deactivated, false)) ?? sql`0`, {
    type: "invitation.deactivated",
    webhookType: "invitation.deactivated",
    at: now,
    data: { reason },
    dedupePrefix: DEDUPE_PREFIX,
  });
  const update = db
    .update(invitations)
    .set({ deactivated: true, updatedAt: now })
    .where(selected)
    .returning({ token: invitations.token });
  return plan([event, update], (results) => {
    const [recorded, updated] = results;
    const tokens = (updated as { token: string }[]).map((row) => row.token);
    return { value: tokens, events: recordedFrom([recorded]) };
  });
}

function selection(db: Database, scope: Scope, which: Deactivated): SQL {
  if ("tokens" in which) return inList(invitations.token, which.tokens);
  // A scope's active invitations only: one revoked before keeps its own deactivation.
  return (
    and(
      inArray(invitations.token, tokensInGroup(db, scope, which.groupType, which.groupId)),
      eq(invitations.deactivated, false),
    ) ?? sql`0`
  );
}
