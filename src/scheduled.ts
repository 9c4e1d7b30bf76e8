import { createDb } from "./db/client";
import { findUndispatched } from "./db/events-repo";
import { sweepStuckDeliveries } from "./delivery/sweeper";
import { emitExpiries } from "./lifecycle/expiry";
import { log } from "./log";
import { dispatchFanouts } from "./webhooks/customer/dispatch";

/** The daily job's schedule in wrangler.toml; every other cron is the minute sweeper. */
export const DAILY_CRON = "0 3 * * *";

/** The most webhook events one repair run sends again (five batches of fan-outs). */
const REDISPATCH_PER_RUN = 500;

/**
 * Webhook events not fanned out a minute after they happened lost their queue message: sent again, oldest
 * first, so that a backlog drains in order. An event whose fan-out keeps failing ends in the webhooks
 * dead-letter queue, which marks it given up; it does not hold a place here for ever.
 */
async function redispatchWebhooks(env: Env, now: Date): Promise<number> {
  const olderThan = new Date(now.getTime() - 60_000);
  const stuck = await findUndispatched(createDb(env.DB), olderThan, REDISPATCH_PER_RUN);
  await dispatchFanouts(
    env.WEBHOOKS,
    stuck.map((row) => row.id),
  );
  return stuck.length;
}

export async function runScheduled(cron: string, env: Env, now = new Date()): Promise<void> {
  if (cron === DAILY_CRON) {
    const expired = await emitExpiries(env, now);
    log("info", "expiry_run", { expired });
    return;
  }
  const [requeued, redispatched] = await Promise.all([
    sweepStuckDeliveries(env, now),
    redispatchWebhooks(env, now),
  ]);
  if (requeued + redispatched > 0) log("info", "sweep_run", { requeued, redispatched });
}
