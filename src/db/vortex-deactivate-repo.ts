import { and, eq, inArray } from "drizzle-orm";
import type { Database } from "./client";
import { eventInsertStatement, type RecordedEvent, recordedFrom } from "./events-repo";
import { invitations } from "./schema";
import { vortexScope } from "./vortex-invitations-repo";
import type { Scope } from "./workflows-repo";

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
