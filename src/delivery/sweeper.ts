import { createDb } from "../db/client";
import { findOverduePending, markRequeued } from "../db/deliveries-repo";
import { log } from "../log";
import { deliveryMessage } from "./message";
import { enqueueDeliveries } from "./producer";

/** How long past its due time a pending invitation may wait before we assume its message was lost. */
export const OVERDUE_AFTER_MS = 5 * 60 * 1000;
const PER_RUN = 500;

/**
 * Cron: re-enqueues pending invitations whose delivery is overdue (an enqueue that failed after the
 * invitation was stored). Re-enqueuing is safe: the consumer keys each send by (invitation, attempt).
 */
export async function sweepStuckDeliveries(env: Env, now = new Date()): Promise<number> {
  const db = createDb(env.DB);
  const stuck = await findOverduePending(db, new Date(now.getTime() - OVERDUE_AFTER_MS), PER_RUN);
  if (stuck.length === 0) return 0;
  await markRequeued(
    db,
    stuck.map((row) => row.token),
    now,
  );
  await enqueueDeliveries(
    env.DELIVERIES,
    stuck.map((row) => deliveryMessage(row.token, row.deliveryAttempts + 1)),
  );
  log("warn", "sweeper_requeued", { count: stuck.length });
  return stuck.length;
}
