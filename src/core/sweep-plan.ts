import { type NeverSentCause, whyNeverSent } from "./send-policy";

/** The most overdue invitations one sweeper run reads, oldest due first. */
export const OVERDUE_PER_RUN = 500;

/**
 * The most sends one run gives up. Each costs a SendGate call and a D1 batch, one after another: 100 keeps a
 * run's D1 queries far below the 1,000 a Worker invocation may make, and its length to seconds. The rest stay
 * pending and, being the oldest due, are the first the next run reads.
 */
export const GIVE_UPS_PER_RUN = 100;

type Sweepable = { deactivated: boolean; expiresAt: Date };

export type SweepPlan<Row> = {
  /** Still sendable: their message was lost, so it is enqueued again. */
  requeue: Row[];
  /** Never to be sent (revoked or expired), at most GIVE_UPS_PER_RUN of them. */
  giveUp: { row: Row; cause: NeverSentCause }[];
};

/** What one run does with the overdue invitations it read. */
export function planSweep<Row extends Sweepable>(overdue: Row[], now: Date): SweepPlan<Row> {
  const plan: SweepPlan<Row> = { requeue: [], giveUp: [] };
  for (const row of overdue) {
    const cause = whyNeverSent(row, now);
    if (cause === null) plan.requeue.push(row);
    else if (plan.giveUp.length < GIVE_UPS_PER_RUN) plan.giveUp.push({ row, cause });
  }
  return plan;
}
