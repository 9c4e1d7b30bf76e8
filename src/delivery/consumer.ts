import { retryDelaySeconds } from "../core/backoff";
import { createDb, type Database } from "../db/client";
import { type DeliveryContext, loadForDelivery, markFailed } from "../db/deliveries-repo";
import { sendGate } from "../durable-objects/send-gate";
import { log } from "../log";
import { dispatchWebhookEvents } from "../webhooks/customer/dispatch";
import { callProvider, simulateDelivery } from "./call-provider";
import { type DeliveryMessage, DeliveryMessageSchema, sendKey } from "./message";
import { mirrorGateState, recordSend } from "./record-send";
import { retryLater } from "./retry-later";
import { reasonNotToSend, settleSkipped } from "./skip-delivery";

/** When another consumer holds the send, come back once it has surely finished or timed out. */
const IN_FLIGHT_RETRY_SECONDS = 30;

/**
 * The `deliveries` consumer. Each message is acked or retried explicitly, so one failure never
 * redelivers its neighbours; sends within a batch run concurrently.
 */
export async function consumeDeliveries(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const db = createDb(env.DB);
  await Promise.all(batch.messages.map((message) => handleMessage(message, env, db)));
}

async function handleMessage(message: Message<unknown>, env: Env, db: Database): Promise<void> {
  const parsed = DeliveryMessageSchema.safeParse(message.body);
  if (!parsed.success) {
    // A body we cannot read will never become readable: retrying it would only delay the dead-letter queue.
    log("error", "delivery_message_invalid", { id: message.id, issues: parsed.error.message });
    message.ack();
    return;
  }
  try {
    await deliver(message, parsed.data, env, db);
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
): Promise<void> {
  const token = body.invitationToken;
  const delivery = await loadForDelivery(db, token);
  if (delivery === null) {
    log("info", "delivery_skipped", { token, attempt: body.attempt, reason: "invitation not found" });
    message.ack();
    return;
  }
  const skip = reasonNotToSend(delivery, body.attempt, new Date());
  if (skip !== null) {
    // A failed write here throws: the message comes back rather than leaving the skip unsettled.
    await settleSkipped(env, db, delivery, body.attempt, skip, new Date());
    log("info", "delivery_skipped", { token, attempt: body.attempt, reason: skip.reason });
    message.ack();
    return;
  }
  // Every send, the first included, passes the SendGate: it alone says yes, once per attempt.
  const gate = sendGate(env, token);
  const lease = crypto.randomUUID();
  const begin = await gate.beginSend(body.attempt, lease, Date.now());
  if (!begin.ok) {
    if (begin.reason === "in_flight") {
      message.retry({ delaySeconds: IN_FLIGHT_RETRY_SECONDS });
      return;
    }
    // Already sent (the gate recorded it, D1 may not have yet), or a message the gate never reserved.
    if (begin.reason === "already_sent") {
      const state = await gate.state();
      await dispatchWebhookEvents(env.WEBHOOKS, await mirrorGateState(db, delivery.invitation, state));
    }
    log("info", "delivery_refused_by_gate", { token, attempt: body.attempt, reason: begin.reason });
    message.ack();
    return;
  }
  const held = { attempt: body.attempt, lease };
  try {
    await sendThroughGate(message, body, env, db, delivery, lease);
  } catch (error) {
    // A fault after the gate said yes (a missing provider secret, a failed write) must not keep the lease:
    // every copy would wait it out, and the sweeper would add more copies meanwhile.
    log("error", "delivery_crashed", { token, attempt: body.attempt, error: String(error) });
    await retryLater(message, env, db, token, held, { provider: null, reason: INTERRUPTED });
  }
}

/** The reason a customer sees while a send interrupted by a fault of ours waits for its retry. */
const INTERRUPTED = "The send was interrupted by an internal error.";

async function sendThroughGate(
  message: Message<unknown>,
  body: DeliveryMessage,
  env: Env,
  db: Database,
  delivery: DeliveryContext,
  lease: string,
): Promise<void> {
  const token = body.invitationToken;
  const { attempt } = body;
  const gate = sendGate(env, token);
  const { livemode, organizationId } = delivery.invitation;
  const context = {
    key: sendKey(body),
    organizationId,
    livemode,
    invitationToken: token,
    attempt,
    queueAttempt: message.attempts,
  };
  const outcome = await callProvider(env, db, delivery, context);
  const now = new Date();
  if (outcome.ok) {
    const events = await recordSend(
      db,
      gate,
      delivery,
      { attempt, provider: outcome.provider, providerMessageId: outcome.providerMessageId },
      now,
    );
    await dispatchWebhookEvents(env.WEBHOOKS, [
      ...events,
      ...(await simulateDelivery(db, delivery, attempt, now)),
    ]);
    log("info", "delivery_sent", { token, attempt, provider: outcome.provider });
    message.ack();
  } else if (outcome.kind === "permanent") {
    await gate.recordFailed(attempt, lease, now.getTime());
    const events = await markFailed(db, token, outcome.reason, now, { attempt, provider: outcome.provider });
    await dispatchWebhookEvents(env.WEBHOOKS, events);
    log("warn", "delivery_failed", { token, attempt, reason: outcome.reason });
    message.ack();
  } else {
    await retryLater(message, env, db, token, { attempt, lease }, outcome);
  }
}
