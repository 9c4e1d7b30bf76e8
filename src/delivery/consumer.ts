import { retryDelaySeconds } from "../core/backoff";
import { createDb } from "../db/client";
import { type DeliveryContext, loadForDelivery, markFailed } from "../db/deliveries-repo";
import { inSequence } from "../db/plan";
import { sendGate } from "../durable-objects/send-gate";
import { type CommitContext, commit } from "../invitations/commit";
import { log } from "../log";
import { callProvider, sendContextOf, simulateDelivery } from "./call-provider";
import { type DeliveryMessage, DeliveryMessageSchema } from "./message";
import { mirrorFromGate, recordSend } from "./record-send";
import { retryLater } from "./retry-later";
import { reasonNotToSend, settleSkipped } from "./skip-delivery";

/** When another consumer holds the send, come back once it has surely finished or timed out. */
const IN_FLIGHT_RETRY_SECONDS = 30;

/**
 * The `deliveries` consumer. Each message is acked or retried explicitly, so one failure never
 * redelivers its neighbours; sends within a batch run concurrently.
 */
export async function consumeDeliveries(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const ctx = { env, db: createDb(env.DB) };
  await Promise.all(batch.messages.map((message) => handleMessage(message, ctx)));
}

async function handleMessage(message: Message<unknown>, ctx: CommitContext): Promise<void> {
  const parsed = DeliveryMessageSchema.safeParse(message.body);
  if (!parsed.success) {
    // A body we cannot read will never become readable: retrying it would only delay the dead-letter queue.
    log("error", "delivery_message_invalid", { id: message.id, issues: parsed.error.message });
    message.ack();
    return;
  }
  try {
    await deliver(message, parsed.data, ctx);
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

async function deliver(message: Message<unknown>, body: DeliveryMessage, ctx: CommitContext): Promise<void> {
  const token = body.invitationToken;
  const delivery = await loadForDelivery(ctx.db, token);
  if (delivery === null) {
    log("info", "delivery_skipped", { token, attempt: body.attempt, reason: "invitation not found" });
    message.ack();
    return;
  }
  const skip = reasonNotToSend(delivery, body.attempt, new Date());
  if (skip !== null) {
    // A failed write here throws: the message comes back rather than leaving the skip unsettled.
    await settleSkipped(ctx, delivery, body.attempt, skip, new Date());
    log("info", "delivery_skipped", { token, attempt: body.attempt, reason: skip.reason });
    message.ack();
    return;
  }
  // Every send, the first included, passes the SendGate: it alone says yes, once per attempt.
  const gate = sendGate(ctx.env, token);
  const lease = crypto.randomUUID();
  const begin = await gate.beginSend(body.attempt, lease, Date.now());
  if (!begin.ok) {
    if (begin.reason === "in_flight") {
      message.retry({ delaySeconds: IN_FLIGHT_RETRY_SECONDS });
      return;
    }
    // Already sent (the gate recorded it, D1 may not have yet), or a message the gate never reserved.
    if (begin.reason === "already_sent") {
      await mirrorFromGate(ctx, delivery.invitation, await gate.state(), delivery);
    }
    log("info", "delivery_refused_by_gate", { token, attempt: body.attempt, reason: begin.reason });
    message.ack();
    return;
  }
  const held = { attempt: body.attempt, lease };
  try {
    await sendThroughGate(message, body, ctx, delivery, { lease, resumed: begin.resumed });
  } catch (error) {
    // A fault after the gate said yes (a missing provider secret, a failed write) must not keep the lease:
    // every copy would wait it out, and the sweeper would add more copies meanwhile.
    log("error", "delivery_crashed", { token, attempt: body.attempt, error: String(error) });
    await retryLater(message, ctx, token, held, { provider: null, reason: INTERRUPTED });
  }
}

/** The reason a customer sees while a send interrupted by a fault of ours waits for its retry. */
const INTERRUPTED = "The send was interrupted by an internal error.";

/**
 * Between the gate's yes and the message's ack, a send waits on three things, one after another, each needing
 * the one before: the provider, the gate's record of its answer, and D1's one batch that mirrors it.
 */
async function sendThroughGate(
  message: Message<unknown>,
  body: DeliveryMessage,
  ctx: CommitContext,
  delivery: DeliveryContext,
  begun: { lease: string; resumed: boolean },
): Promise<void> {
  const { env, db } = ctx;
  const token = body.invitationToken;
  const { attempt } = body;
  const { lease } = begun;
  const gate = sendGate(env, token);
  const context = sendContextOf(delivery, body, message.attempts);
  const outcome = await callProvider(env, db, delivery, context, begun.resumed);
  const now = new Date();
  if (outcome.ok) {
    const answer = { provider: outcome.provider, providerMessageId: outcome.providerMessageId };
    const mirror = await recordSend(ctx, gate, delivery, { attempt, answer, stored: outcome.stored }, now);
    // The simulated provider event of a test-mode recipient joins the mirror's batch.
    await commit(ctx, inSequence([mirror, simulateDelivery(db, delivery, attempt, now)]));
    log("info", "delivery_sent", { token, attempt, provider: outcome.provider });
    message.ack();
  } else if (outcome.kind === "permanent") {
    await gate.recordFailed(attempt, lease, now.getTime());
    await commit(ctx, markFailed(db, token, outcome.reason, now, { attempt, provider: outcome.provider }));
    log("warn", "delivery_failed", { token, attempt, reason: outcome.reason });
    message.ack();
  } else {
    await retryLater(message, ctx, token, { attempt, lease }, outcome);
  }
}
