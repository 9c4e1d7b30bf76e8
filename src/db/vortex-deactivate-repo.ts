import { and, eq, inArray } from "drizzle-orm";
import type { Database } from "./client";
import { eventInsertStatement, type RecordedEvent, recordedFrom } from "./events-repo";
import { invitationGroups, invitations } from "./schema";
import type { Scope } from "./workflows-repo";

const vortexScope = (scope: Scope) =>
  and(
    eq(invitations.organizationId, scope.organizationId),
    eq(invitations.livemode, scope.livemode),
    eq(invitations.dialect, "vortex"),
  );

/**
 * Deactivates invitations of the caller, in one batch: per invitation the `invitation.deactivated` event
 * (only if it was still active, so a repeat is silent) before the update that kills its link.
 * Answers the tokens that exist in the caller's scope, and the events to dispatch.
 */
export async function deactivateVortexInvitations(
  db: Database,
  scope: Scope,
  tokens: string[],
  now: Date,
  reason: "revoked" | "declined" | "scope_deleted",
): Promise<{ found: string[]; events: RecordedEvent[] }> {
  if (tokens.length === 0) return { found: [], events: [] };
  const events = tokens.map((token) =>
    eventInsertStatement(db, {
      token,
      type: "invitation.deactivated",
      webhookType: "invitation.deactivated",
      at: now,
      data: { reason },
      dedupeKey: `deactivated:${token}`,
      guard: and(vortexScope(scope), eq(invitations.deactivated, false)),
    }),
  );
  const update = db
    .update(invitations)
    .set({ deactivated: true, updatedAt: now })
    .where(and(vortexScope(scope), inArray(invitations.token, tokens)))
    .returning({ token: invitations.token });
  const [first, ...rest] = events;
  const results = first ? await db.batch([first, ...rest, update]) : [];
  const updated = (results.at(-1) ?? []) as { token: string }[];
  return { found: updated.map((row) => row.token), events: recordedFrom(results.slice(0, -1)) };
}

/** The tokens of the caller's active invitations in one scope (`groupType`/`groupId`). */
export async function activeTokensInScope(
  db: Database,
  scope: Scope,
  groupType: string,
  groupId: string,
): Promise<string[]> {
  const rows = await db
    .select({ token: invitations.token })
    .from(invitationGroups)
    .innerJoin(invitations, eq(invitations.token, invitationGroups.invitationToken))
    .where(
      and(
        eq(invitationGroups.organizationId, scope.organizationId),
        eq(invitationGroups.livemode, scope.livemode),
        eq(invitationGroups.groupType, groupType),
        eq(invitationGroups.groupId, groupId),
        vortexScope(scope),
        eq(invitations.deactivated, false),
      ),
    )
    .limit(500);
  return rows.map((row) => row.token);
}
