import { and, asc, eq, lt, sql } from "drizzle-orm";
import { inList } from "./bounded";
import type { Database } from "./client";
import { nothing, type Plan, plan } from "./plan";
import { invitations } from "./schema";
import { eventInsertStatementEach, recordedFrom } from "./timeline";

/** Invitations past their expiry that the daily job has not announced yet, oldest first (a partial index). */
export async function findExpiredUnannounced(db: Database, now: Date, limit: number) {
  return db
    .select({ token: invitations.token })
    .from(invitations)
    .where(and(eq(invitations.expiryNotified, false), lt(invitations.expiresAt, now)))
    .orderBy(asc(invitations.expiresAt))
    .limit(limit);
}

/**
 * Records `invitation.expired` on the timeline of each of `tokens` not announced yet and marks them
 * announced: one batch of two statements however many there are, so a run of a thousand costs two D1
 * queries, not two thousand (a Worker invocation may make 1,000). A repeat records nothing.
 */
export function announceExpiries(db: Database, tokens: string[], now: Date): Plan<void> {
  if (tokens.length === 0) return nothing();
  const chosen = inList(invitations.token, tokens);
  const event = eventInsertStatementEach(db, and(chosen, eq(invitations.expiryNotified, false)) ?? sql`0`, {
    type: "invitation.expired",
    webhookType: "invitation.expired",
    at: now,
    dedupePrefix: "expired",
  });
  const mark = db.update(invitations).set({ expiryNotified: true }).where(chosen);
  return plan([event, mark], ([recorded]) => ({ value: undefined, events: recordedFrom([recorded]) }));
}
