import { env } from "cloudflare:workers";
import { DAILY_CRON, runScheduled } from "../../src/scheduled";
import { sweepStuckDeliveries } from "../../src/scheduled/sweeper";
import { holdQueue } from "./held-queue";

/** The most sweeper runs one call makes: each handles up to 500 overdue invitations. */
const MAX_RUNS = 20;

const concerns = (token: string) => (body: unknown) =>
  (body as { invitationToken?: unknown }).invitationToken === token;

/**
 * Runs the delivery sweeper at `now` with the deliveries queue held, until `reached()` says it has dealt
 * with this test's invitation, or a run finds nothing more to do. The sweeper takes at most 500 overdue
 * invitations a run, whichever they are, and the database the runtime shares holds other files' overdue
 * ones too; a re-enqueued one is due again at `now`, so each run at the same `now` moves on to others.
 * Answers the messages the sweeper enqueued for `token` (none reaches the real queue).
 */
export async function sweepFor(
  token: string,
  now: Date,
  options: { env?: Env; reached?: (enqueued: unknown[]) => boolean | Promise<boolean> } = {},
): Promise<unknown[]> {
  const deliveries = holdQueue(env.DELIVERIES);
  const reached = options.reached ?? ((enqueued: unknown[]) => enqueued.length > 0);
  try {
    for (let run = 0; run < MAX_RUNS; run += 1) {
      const handled = await sweepStuckDeliveries(options.env ?? env, now);
      const enqueued = deliveries.bodies().filter(concerns(token));
      if (handled === 0 || (await reached(enqueued))) return enqueued;
    }
    return deliveries.bodies().filter(concerns(token));
  } finally {
    deliveries.restore();
  }
}

const announced = async (token: string) =>
  (
    await env.DB.prepare("SELECT expiry_notified AS n FROM invitations WHERE token = ?")
      .bind(token)
      .first<{ n: number }>()
  )?.n === 1;

/**
 * Runs the daily job until it has announced the expiry of each of `tokens`, then once more (a repeat must
 * announce nothing new). A run takes the 1,000 oldest expired invitations of the whole database, and the
 * runtime's database holds other files' expired ones too.
 */
export async function runDailyJobFor(tokens: string[]): Promise<void> {
  for (let run = 0; run < MAX_RUNS; run += 1) {
    await runScheduled(DAILY_CRON, env);
    const done = await Promise.all(tokens.map(announced));
    if (done.every(Boolean)) break;
  }
  await runScheduled(DAILY_CRON, env);
}
