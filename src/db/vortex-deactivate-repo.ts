import { and, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { Scope } from "../core/scope";
import { inList } from "./bounded";
import type { Database } from "./client";
import { eventInsertStatementEach, type RecordedEvent, recordedFrom } from "./events-repo";
import { invitations } from "./schema";
import { vortexScopeCheck } from "./vortex-invitations-repo";
import { tokensInGroup } from "./vortex-scope-repo";

type Reason = "revoked" | "declined" | "scope_deleted";

/**
 * Deactivates the caller's invitations that `which` selects by token, in one batch of two statements
 * however many it selects: the `invitation.deactivated` event of each that was still active (so a repeat is silent),
 * then the update that kills their links. Answers the tokens selected, and the events to dispatch.
 */
async function deactivate(
  db: Database,
  scope: Scope,
  which: SQL,
  now: Date,
  reason: Reason,
): Promise<{ found: string[]; events: RecordedEvent[] }> {
  const selected = and(vortexScopeCheck(scope), which) ?? sql`0`;
  const event = eventInsertStatementEach(db, and(selected, eq(invitations.deactivated, false)) ?? sql`0`, {
    type: "invitation.deactivated",
    webhookType: "invitation.deactivated",
    at: now,
    data: { reason },
    dedupePrefix: "deactivated",
  });
  const update = db
    .update(invitations)
    .set({ deactivated: true, updatedAt: now })
    .where(selected)
    .returning({ token: invitations.token });
  const [recorded, updated] = await db.batch([event, update]);
  return { found: updated.map((row) => row.token), events: recordedFrom([recorded]) };
}

/** Deactivates the caller's invitations among `tokens` (any number); see `deactivate`. */
export async function deactivateVortexInvitations(
  db: Database,
  scope: Scope,
  tokens: string[],
  now: Date,
  reason: Reason,
): Promise<{ found: string[]; events: RecordedEvent[] }> {
  if (tokens.length === 0) return { found: [], events: [] };
  return deactivate(db, scope, inList(invitations.token, tokens), now, reason);
}

/** Deactivates every invitation of one scope of the caller, however many it holds (autojoin included). */
export async function deactivateScope(
  db: Database,
  scope: Scope,
  groupType: string,
  groupId: string,
  now: Date,
): Promise<RecordedEvent[]> {
  const active = and(
    inArray(invitations.token, tokensInGroup(db, scope, groupType, groupId)),
    eq(invitations.deactivated, false),
  );
  return (await deactivate(db, scope, active ?? sql`0`, now, "scope_deleted")).events;
}
