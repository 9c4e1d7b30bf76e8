import { createDb } from "../db/client";
import { loadForDelivery } from "../db/deliveries-repo";
import type { CommitContext } from "../invitations/commit";
import { log } from "../log";
import { giveUpDelivery } from "./give-up";
import { type DeliveryMessage, DeliveryMessageSchema } from "./message";

/** A write that failed here comes back after this; the dead-letter queue retries a few times (wrangler.toml). */
const DEAD_LETTER_RETRY_SECONDS = 60;

/**
 * Messages land here after the delivery queue gave up retrying. The SendGate is asked first: a send it
 * recorded (whose D1 mirror kept failing) is mirrored, not failed. Otherwise the invitation becomes `failed`,
 * keeping the last transient reason, so nothing is lost silently. A copy another consumer is still sending
 * is left to it. Each message is acked, or retried if a write failed.
 */
export async function consumeDeadDeliveries(
  batch: MessageBatch<unknown>,
  env: Env,
  now = new Date(),
): Promise<void> {
  const ctx = { env, db: createDb(env.DB) };
  for (const message of batch.messages) {
    const parsed = DeliveryMessageSchema.safeParse(message.body);
    if (!parsed.success) {
      log("error", "dead_letter_invalid", { id: message.id });
      message.ack();
      continue;
    }
    try {
      await giveUp(ctx, parsed.data, now);
      message.ack();
    } catch (error) {
      log("error", "dead_letter_crashed", { token: parsed.data.invitationToken, error: String(error) });
      message.retry({ delaySeconds: DEAD_LETTER_RETRY_SECONDS });
    }
  }
}

async function giveUp(ctx: CommitContext, body: DeliveryMessage, now: Date): Promise<void> {
  const token = body.invitationToken;
  const delivery = await loadForDelivery(ctx.db, token);
  if (delivery === null) {
    log("warn", "dead_letter_unknown_invitation", { token, attempt: body.attempt });
    return;
  }
  const lastError = delivery.invitation.errorMessage ?? "no reason recorded";
  const reason = `Delivery gave up after repeated transient failures: ${lastError}`;
  const outcome = await giveUpDelivery(ctx, delivery.invitation, body.attempt, reason, now, delivery);
  log("error", "delivery_dead_lettered", { token, attempt: body.attempt, outcome });
}
