import { createDb } from "../db/client";
import { announceExpired } from "../invitations/expire";
import { log } from "../log";
import { redispatchWebhooks } from "./redispatch";
import { sweepStuckDeliveries } from "./sweeper";

/** The daily job's schedule in wrangler.toml; every other cron is the minute sweeper. */
export const DAILY_CRON = "0 3 * * *";

/** The Cron Triggers' work: every minute the lost-enqueue sweep and the webhook repair, daily the expiry. */
export async function runScheduled(cron: string, env: Env, now = new Date()): Promise<void> {
  if (cron === DAILY_CRON) {
    const expired = await announceExpired({ env, db: createDb(env.DB) }, now);
    log("info", "expiry_run", { expired });
    return;
  }
  const [requeued, redispatched] = await Promise.all([
    sweepStuckDeliveries(env, now),
    redispatchWebhooks(env, now),
  ]);
  if (requeued + redispatched > 0) log("info", "sweep_run", { requeued, redispatched });
}
