import { and, asc, eq, lt, sql } from "drizzle-orm";
import { inList } from "./bounded";
import type { Database } from "./client";
import { eventInsertStatementEach, type RecordedEvent, recordedFrom } from "./events-repo";
import { invitations } from "./schema";

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
export async function announceExpiries(db: Database, tokens: string[], now: Date): Promise<RecordedEvent[]> {
  if (tokens.length === 0) return [];
  const chosen = inList(invitations.token, tokens);
  const event = eventInsertStatementEach(db, and(chosen, eq(invitations.expiryNotified, false)) ?? sql`0`, {
    type: "invitation.expired",
    webhookType: "invitation.expired",
    at: now,
    dedupePrefix: "expired",
  });
  const mark = db.update(invitations).set({ expiryNotified: true }).where(chosen);
  const [recorded] = await db.batch([event, mark]);
  return recordedFrom([recorded]);
}
