import { createDb } from "./db/client";
import { findUndispatched } from "./db/events-repo";
import { sweepStuckDeliveries } from "./delivery/sweeper";
import { emitExpiries } from "./lifecycle/expiry";
import { log } from "./log";
import { dispatchWebhookEvents } from "./webhooks/customer/dispatch";

/** The daily job's schedule in wrangler.toml; every other cron is the minute sweeper. */
export const DAILY_CRON = "0 3 * * *";

/** Webhook events not fanned out a minute after they happened lost their queue message. */
async function redispatchWebhooks(env: Env, now: Date): Promise<number> {
  const stuck = await findUndispatched(createDb(env.DB), new Date(now.getTime() - 60_000), 500);
  await dispatchWebhookEvents(
    env.WEBHOOKS,
    stuck.map((row) => ({ id: row.id, webhookType: "pending" })),
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
