import { retryDelaySeconds } from "../core/backoff";
import { createDb } from "../db/client";
import { type DeliveryContext, markFailed } from "../db/deliveries-repo";
import { inSequence } from "../db/plan";
import { sendGate } from "../durable-objects/send-gate";
import { type CommitContext, commit } from "../invitations/commit";
import { log } from "../log";
import { type AcceptedSend, INTERRUPTED, type Loaded, loadBatch, mirrorAccepted } from "./batch-round-trips";
import { callProvider, sendContextOf, simulateDelivery } from "./call-provider";
import { type DeliveryMessage, DeliveryMessageSchema } from "./message";
import { mirrorFromGate, recordSend } from "./record-send";
import { retryLater } from "./retry-later";
import { reasonNotToSend, settleSkipped } from "./skip-delivery";

/** When another consumer holds the send, come back once it has surely finished or timed out. */
const IN_FLIGHT_RETRY_SECONDS = 30;

/**
 * The `deliveries` consumer. Each message is acked or retried explicitly, so one failure never
 * redelivers its neighbours; sends within a batch run concurrently, and share two D1 round trips: the
 * read of their invitations and the write that mirrors the accepted ones (batch-round-trips.ts).
 */
export async function consumeDeliveries(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const ctx = { env, db: createDb(env.DB) };
  const readable: [Message<unknown>, DeliveryMessage][] = [];
  for (const message of batch.messages) {
    const parsed = DeliveryMessageSchema.safeParse(message.body);
    if (parsed.success) readable.push([message, parsed.data]);
    else {
      // A body we cannot read will never become readable: retrying it would only delay the dead-letter queue.
      log("error", "delivery_message_invalid", { id: message.id, issues: parsed.error.message });
      message.ack();
    }
  }
  if (readable.length === 0) return;
  const loaded = await loadBatch(
    ctx.db,
    readable.map(([, body]) => body.invitationToken),
  );
  const accepted: AcceptedSend[] = [];
  await Promise.all(
    readable.map(([message, body]) =>
      handleMessage(message, body, ctx, loaded.get(body.invitationToken) ?? null, accepted),
    ),
  );
  await mirrorAccepted(ctx, accepted);
}

async function handleMessage(
  message: Message<unknown>,
  body: DeliveryMessage,
  ctx: CommitContext,
  loaded: Loaded,
  accepted: AcceptedSend[],
): Promise<void> {
  try {
    if (loaded instanceof Error) throw loaded;
    await deliver(message, body, ctx, loaded, accepted);
  } catch (error) {
    // Storage or code faults are treated as transient: the message comes back later, then dead-letters.
    const delaySeconds = retryDelaySeconds(message.attempts);
    log("error", "delivery_crashed", { token: body.invitationToken, error: String(error), delaySeconds });
    message.retry({ delaySeconds });
  }
}

async function deliver(
  message: Message<unknown>,
  body: DeliveryMessage,
  ctx: CommitContext,
  delivery: DeliveryContext | null,
  accepted: AcceptedSend[],
): Promise<void> {
  const token = body.invitationToken;
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
    const send = await sendThroughGate(message, body, ctx, delivery, { lease, resumed: begin.resumed });
    if (send) accepted.push(send);
  } catch (error) {
    // A fault after the gate said yes (a missing provider secret, a failed write) must not keep the lease:
    // every copy would wait it out, and the sweeper would add more copies meanwhile.
    log("error", "delivery_crashed", { token, attempt: body.attempt, error: String(error) });
    await retryLater(message, ctx, token, held, { provider: null, reason: INTERRUPTED });
  }
}

/**
 * Between the gate's yes and the message's ack, a send waits on three things, one after another, each needing
 * the one before: the provider, the gate's record of its answer, and D1's batch that mirrors it, which it
 * shares with the batch's other accepted sends: an accepted send is answered for that write, and acked once
 * it is done. A failed send is settled here.
 */
async function sendThroughGate(
  message: Message<unknown>,
  body: DeliveryMessage,
  ctx: CommitContext,
  delivery: DeliveryContext,
  begun: { lease: string; resumed: boolean },
): Promise<AcceptedSend | null> {
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
    // The simulated provider event of a test-mode recipient joins the mirror.
    const plan = inSequence<unknown>([mirror, simulateDelivery(db, delivery, attempt, now)]);
    return { message, body, held: { attempt, lease }, provider: outcome.provider, mirror: plan };
  }
  if (outcome.kind === "permanent") {
    await gate.recordFailed(attempt, lease, now.getTime());
    await commit(ctx, markFailed(db, token, outcome.reason, now, { attempt, provider: outcome.provider }));
    log("warn", "delivery_failed", { token, attempt, reason: outcome.reason });
    message.ack();
  } else {
    await retryLater(message, ctx, token, { attempt, lease }, outcome);
  }
  return null;
}
