import { and, eq, inArray, lt, sql } from "drizzle-orm";
import { statusesBefore } from "../core/invitation-status";
import type { Database } from "./client";
import { invitations, organizations, workflows } from "./schema";

/** Everything the consumer needs to render and send one invitation, in one indexed read. */
export async function loadForDelivery(db: Database, token: string) {
  const row = await db
    .select({
      invitation: invitations,
      organizationName: organizations.name,
      organizationSlug: organizations.slug,
      replyTo: organizations.replyTo,
      workflowName: workflows.name,
    })
    .from(invitations)
    .innerJoin(organizations, eq(organizations.id, invitations.organizationId))
    .innerJoin(
      workflows,
      and(
        eq(workflows.organizationId, invitations.organizationId),
        eq(workflows.livemode, invitations.livemode),
        eq(workflows.token, invitations.workflowToken),
      ),
    )
    .where(eq(invitations.token, token))
    .get();
  return row ?? null;
}
export type DeliveryContext = NonNullable<Awaited<ReturnType<typeof loadForDelivery>>>;

/**
 * Records an accepted send. Guarded by the attempt number, so a replay changes nothing; the status moves
 * to `sent` only from before it (a link opened meanwhile stays `opened`).
 */
export async function markSent(db: Database, token: string, attempt: number, now: Date): Promise<boolean> {
  const forward = statusesBefore("sent");
  const result = await db
    .update(invitations)
    .set({
      status: sql`CASE WHEN ${inArray(invitations.status, forward)} THEN 'sent' ELSE ${invitations.status} END`,
      sentAt: now,
      deliveryAttempts: attempt,
      errorMessage: null,
      updatedAt: now,
    })
    .where(and(eq(invitations.token, token), lt(invitations.deliveryAttempts, attempt)))
    .returning({ token: invitations.token });
  return result.length > 0;
}

/** A transient failure: keep the reason visible and tell the sweeper when the retry is due. */
export async function recordTransientFailure(
  db: Database,
  token: string,
  reason: string,
  retryAt: Date,
  now: Date,
): Promise<void> {
  await db
    .update(invitations)
    .set({ errorMessage: reason, deliveryDueAt: retryAt, updatedAt: now })
    .where(and(eq(invitations.token, token), inArray(invitations.status, ["pending", "sending"])));
}

/** A permanent failure, or retries exhausted: `failed` with the reason, only from a status before it. */
export async function markFailed(db: Database, token: string, reason: string, now: Date): Promise<boolean> {
  const result = await db
    .update(invitations)
    .set({ status: "failed", errorMessage: reason, updatedAt: now })
    .where(and(eq(invitations.token, token), inArray(invitations.status, statusesBefore("failed"))))
    .returning({ token: invitations.token });
  return result.length > 0;
}

/** Pending invitations whose delivery is long overdue (served by the partial index on pending rows). */
export async function findOverduePending(db: Database, overdueBefore: Date, limit: number) {
  return db
    .select({ token: invitations.token, deliveryAttempts: invitations.deliveryAttempts })
    .from(invitations)
    .where(and(eq(invitations.status, "pending"), lt(invitations.deliveryDueAt, overdueBefore)))
    .limit(limit);
}

/** D1 binds at most 100 parameters per statement. */
const TOKENS_PER_STATEMENT = 90;

/** Marks re-enqueued invitations as due now, so the next sweep leaves them alone for a while. */
export async function markRequeued(db: Database, tokens: string[], now: Date): Promise<void> {
  const statements = [];
  for (let i = 0; i < tokens.length; i += TOKENS_PER_STATEMENT) {
    const chunk = tokens.slice(i, i + TOKENS_PER_STATEMENT);
    statements.push(
      db
        .update(invitations)
        .set({ deliveryDueAt: now })
        .where(and(inArray(invitations.token, chunk), eq(invitations.status, "pending"))),
    );
  }
  const [first, ...rest] = statements;
  if (first) await db.batch([first, ...rest]);
}
