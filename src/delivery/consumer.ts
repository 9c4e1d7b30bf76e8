import { retryDelaySeconds } from "../core/backoff";
import { createDb, type Database } from "../db/client";
import { loadForDelivery, markFailed, markSent, recordTransientFailure } from "../db/deliveries-repo";
import { type DeliveryMessage, DeliveryMessageSchema, sendKey } from "./message";
import { providersFor } from "./providers";
import { reasonNotToSend, sendInvitation } from "./send-invitation";

type Clock = () => Date;

/**
 * The `deliveries` consumer. Each message is acked or retried explicitly, so one failure never
 * redelivers its neighbours; sends within a batch run concurrently.
 */
export async function consumeDeliveries(
  batch: MessageBatch<unknown>,
  env: Env,
  clock: Clock = () => new Date(),
): Promise<void> {
  const db = createDb(env.DB);
  await Promise.all(batch.messages.map((message) => handleMessage(message, env, db, clock)));
}

async function handleMessage(message: Message<unknown>, env: Env, db: Database, clock: Clock): Promise<void> {
  const parsed = DeliveryMessageSchema.safeParse(message.body);
  if (!parsed.success) {
    // A body we cannot read will never become readable: retrying it would only delay the dead-letter queue.
    log("error", "delivery_message_invalid", { id: message.id, issues: parsed.error.message });
    message.ack();
    return;
  }
  try {
    await deliver(message, parsed.data, env, db, clock);
  } catch (error) {
    // Storage or code faults are treated as transient: the message comes back later, then dead-letters.
    const delaySeconds = retryDelaySeconds(message.attempts);
    log("error", "delivery_crashed", {
      token: parsed.data.invitationToken,
      error: String(error),
      delaySeconds,
    });
    message.retry({ delaySeconds });
  }
}

async function deliver(
  message: Message<unknown>,
  body: DeliveryMessage,
  env: Env,
  db: Database,
  clock: Clock,
): Promise<void> {
  const token = body.invitationToken;
  const delivery = await loadForDelivery(db, token);
  const skip = delivery === null ? "invitation not found" : reasonNotToSend(delivery, body.attempt, clock());
  if (delivery === null || skip !== null) {
    log("info", "delivery_skipped", { token, attempt: body.attempt, reason: skip });
    message.ack();
    return;
  }
  const { livemode, organizationId } = delivery.invitation;
  const providers = providersFor(env, db, livemode);
  const context = {
    key: sendKey(body),
    organizationId,
    livemode,
    invitationToken: token,
    attempt: body.attempt,
    queueAttempt: message.attempts,
  };
  const outcome = await sendInvitation(env, providers, delivery, context);
  const now = clock();
  if (outcome.ok) {
    await markSent(db, token, body.attempt, now);
    log("info", "delivery_sent", { token, attempt: body.attempt, provider: outcome.provider });
    message.ack();
  } else if (outcome.kind === "permanent") {
    await markFailed(db, token, outcome.reason, now);
    log("warn", "delivery_failed", { token, attempt: body.attempt, reason: outcome.reason });
    message.ack();
  } else {
    const delaySeconds = retryDelaySeconds(message.attempts);
    await recordTransientFailure(
      db,
      token,
      outcome.reason,
      new Date(now.getTime() + delaySeconds * 1000),
      now,
    );
    log("warn", "delivery_retry", { token, attempt: body.attempt, reason: outcome.reason, delaySeconds });
    message.retry({ delaySeconds });
  }
}

export function log(level: "info" | "warn" | "error", event: string, fields: Record<string, unknown>): void {
  const line = JSON.stringify({ level, event, ...fields });
  if (level === "error") console.error(line);
  else if (level === "warn") console.warn(line);
  else console.log(line);
}
