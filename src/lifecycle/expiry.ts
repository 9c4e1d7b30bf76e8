import { createDb } from "../db/client";
import { announceExpiry, findExpiredUnannounced } from "../db/expiry-repo";
import { dispatchWebhookEvents } from "../webhooks/customer/dispatch";

const PER_RUN = 1000;

/**
 * Daily: `invitation.expired` for every invitation past its 30 days, once each (a dedupe key and a flag),
 * on the timeline and to subscribed endpoints. Answers how many it announced.
 */
export async function emitExpiries(env: Env, now: Date): Promise<number> {
  const db = createDb(env.DB);
  const expired = await findExpiredUnannounced(db, now, PER_RUN);
  for (const { token } of expired) {
    await dispatchWebhookEvents(env.WEBHOOKS, await announceExpiry(db, token, now));
  }
  return expired.length;
}
