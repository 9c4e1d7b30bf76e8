import { createDb } from "../db/client";
import { announceExpiries, findExpiredUnannounced } from "../db/expiry-repo";
import { dispatchWebhookEvents } from "../webhooks/customer/dispatch";

/** Announced per daily run; a backlog beyond it is announced by the next runs, oldest first. */
export const EXPIRIES_PER_RUN = 1000;

/**
 * Daily: `invitation.expired` for every invitation past its 30 days, once each (a dedupe key and a flag),
 * on the timeline and to subscribed endpoints. Answers how many it announced.
 */
export async function emitExpiries(env: Env, now: Date): Promise<number> {
  const db = createDb(env.DB);
  const expired = await findExpiredUnannounced(db, now, EXPIRIES_PER_RUN);
  const events = await announceExpiries(
    db,
    expired.map((row) => row.token),
    now,
  );
  await dispatchWebhookEvents(env.WEBHOOKS, events);
  return expired.length;
}
