import { createDb } from "../db/client";
import { findUndispatched } from "../db/events-repo";
import { dispatchFanouts } from "../webhooks/customer/dispatch";

/** The most webhook events one repair run sends again (five batches of fan-outs). */
const REDISPATCH_PER_RUN = 500;

/**
 * Webhook events not fanned out a minute after they happened lost their queue message: sent again, oldest
 * first, so that a backlog drains in order. An event whose fan-out keeps failing ends in the webhooks
 * dead-letter queue, which marks it given up; it does not hold a place here for ever.
 */
export async function redispatchWebhooks(env: Env, now: Date): Promise<number> {
  const olderThan = new Date(now.getTime() - 60_000);
  const stuck = await findUndispatched(createDb(env.DB), olderThan, REDISPATCH_PER_RUN);
  await dispatchFanouts(
    env.WEBHOOKS,
    stuck.map((row) => row.id),
  );
  return stuck.length;
}
