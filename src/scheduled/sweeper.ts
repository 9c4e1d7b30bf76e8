import { OVERDUE_PER_RUN, planSweep, type SweepPlan } from "../core/sweep-plan";
import { createDb } from "../db/client";
import { findOverduePending, markRequeued } from "../db/deliveries-repo";
import { giveUpDelivery, neverSentReason } from "../delivery/give-up";
import { deliveryMessage } from "../delivery/message";
import { type CommitContext, publish } from "../invitations/commit";
import { log } from "../log";

/** How long past its due time a pending invitation may wait before we assume its message was lost. */
export const OVERDUE_AFTER_MS = 5 * 60 * 1000;

type Overdue = Awaited<ReturnType<typeof findOverduePending>>[number];

/**
 * Cron: re-enqueues pending invitations whose delivery is overdue (an enqueue that failed after the
 * invitation was stored). Re-enqueuing is safe: the consumer keys each send by (invitation, attempt).
 * One that can never be sent (revoked, expired) is given up instead, by the consumer's own rule, so it
 * reaches a final state and is swept no more. Answers how many were re-enqueued or given up.
 */
export async function sweepStuckDeliveries(env: Env, now = new Date()): Promise<number> {
  const ctx = { env, db: createDb(env.DB) };
  const { db } = ctx;
  const stuck = await findOverduePending(db, new Date(now.getTime() - OVERDUE_AFTER_MS), OVERDUE_PER_RUN);
  if (stuck.length === 0) return 0;
  const { requeue: lost, giveUp } = planSweep(stuck, now);
  const given = await giveUpNeverSent(ctx, giveUp, now);
  if (lost.length === 0) return given;
  await markRequeued(
    db,
    lost.map((row) => row.token),
    now,
  );
  await publish(ctx, { sends: lost.map((row) => deliveryMessage(row.token, row.deliveryAttempts + 1)) });
  log("warn", "sweeper_requeued", { count: lost.length });
  return lost.length + given;
}

/** Gives up each overdue send that can never happen; one that fails to stays pending for the next run. */
async function giveUpNeverSent(
  ctx: CommitContext,
  giveUp: SweepPlan<Overdue>["giveUp"],
  now: Date,
): Promise<number> {
  let given = 0;
  for (const { row, cause } of giveUp) {
    try {
      await giveUpDelivery(ctx, row, row.deliveryAttempts + 1, neverSentReason(cause), now);
      given += 1;
    } catch (error) {
      log("error", "sweeper_give_up_failed", { token: row.token, cause, error: String(error) });
    }
  }
  return given;
}
