import { createDb } from "../db/client";
import { loadForDelivery, markFailed } from "../db/deliveries-repo";
import { sendGate } from "../durable-objects/send-gate";
import { log } from "../log";
import { dispatchWebhookEvents } from "../webhooks/customer/dispatch";
import { DeliveryMessageSchema } from "./message";

/**
 * Messages land here after the delivery queue gave up retrying. The invitation becomes `failed`, keeping
 * the last transient reason, so nothing is lost silently. Every message is acked: this is the last stop.
 */
export async function consumeDeadDeliveries(
  batch: MessageBatch<unknown>,
  env: Env,
  now = new Date(),
): Promise<void> {
  const db = createDb(env.DB);
  for (const message of batch.messages) {
    const parsed = DeliveryMessageSchema.safeParse(message.body);
    if (!parsed.success) {
      log("error", "dead_letter_invalid", { id: message.id });
      message.ack();
      continue;
    }
    const token = parsed.data.invitationToken;
    const delivery = await loadForDelivery(db, token);
    const lastError = delivery?.invitation.errorMessage ?? "no reason recorded";
    await sendGate(env, token).recordFailed(parsed.data.attempt);
    const reason = `Delivery gave up after repeated transient failures: ${lastError}`;
    const events = await markFailed(db, token, reason, now, { attempt: parsed.data.attempt });
    await dispatchWebhookEvents(env.WEBHOOKS, events);
    log("error", "delivery_dead_lettered", { token, attempt: parsed.data.attempt });
    message.ack();
  }
}
