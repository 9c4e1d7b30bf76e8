import { createDb } from "../db/client";
import { findUndispatched } from "../db/events-repo";
import { publish } from "../invitations/commit";

/** The most webhook events one repair run sends again (five batches of fan-outs). */
const REDISPATCH_PER_RUN = 500;

/**
 * Webhook events not fanned out a minute after they happened lost their queue message: sent again, oldest
 * first, so that a backlog drains in order. An event whose fan-out keeps failing ends in the webhooks
 * dead-letter queue, which marks it given up; it does not hold a place here for ever.
 */
export async function redispatchWebhooks(env: Env, now: Date): Promise<number> {
  const olderThan = new Date(now.getTime() - 60_000);
  const ctx = { env, db: createDb(env.DB) };
  const stuck = await findUndispatched(ctx.db, olderThan, REDISPATCH_PER_RUN);
  await publish(ctx, { fanouts: stuck.map((row) => row.id) });
  return stuck.length;
}
