import { and, eq, lt } from "drizzle-orm";
import type { Database } from "./client";
import { eventInsertStatement, type RecordedEvent, recordedFrom } from "./events-repo";
import { invitations } from "./schema";

/** Invitations past their expiry that the daily job has not announced yet (served by a partial index). */
export async function findExpiredUnannounced(db: Database, now: Date, limit: number) {
  return db
    .select({ token: invitations.token })
    .from(invitations)
    .where(and(eq(invitations.expiryNotified, false), lt(invitations.expiresAt, now)))
    .limit(limit);
}

/** Records `invitation.expired` on the timeline and marks the invitation announced, in one batch. */
export async function announceExpiry(db: Database, token: string, now: Date): Promise<RecordedEvent[]> {
  const event = eventInsertStatement(db, {
    token,
    type: "invitation.expired",
    webhookType: "invitation.expired",
    at: now,
    dedupeKey: `expired:${token}`,
  });
  const mark = db.update(invitations).set({ expiryNotified: true }).where(eq(invitations.token, token));
  const [recorded] = await db.batch([event, mark]);
  return recordedFrom([recorded]);
}
