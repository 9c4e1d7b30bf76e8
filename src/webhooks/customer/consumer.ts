import { createDb, type Database } from "../../db/client";
import { abandonFanout, findEvent } from "../../db/events-repo";
import { recordEvents } from "../../db/timeline";
import { type CommitContext, commit } from "../../invitations/commit";
import { log } from "../../log";
import { deliverWebhooks } from "./deliver-batch";
import { webhookRetryDelay } from "./event-types";
import { fanOut } from "./fanout";
import {
  type DeliverMessage,
  type FanoutMessage,
  type WebhookMessage,
  WebhookMessageSchema,
} from "./message";

/**
 * The `webhooks` consumer: fan-outs and deliveries, each acked or retried on its own. The deliveries of a
 * batch share their D1 round trips (one read, one write: deliver-batch.ts); each fan-out has its own.
 */
export async function consumeWebhooks(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const ctx = { env, db: createDb(env.DB) };
  const fanouts: [Message<unknown>, FanoutMessage][] = [];
  const deliveries: [Message<unknown>, DeliverMessage][] = [];
  for (const message of batch.messages) {
    const parsed = WebhookMessageSchema.safeParse(message.body);
    if (!parsed.success) {
      log("error", "webhook_message_invalid", { id: message.id });
      message.ack();
    } else if (parsed.data.kind === "fanout") fanouts.push([message, parsed.data]);
    else deliveries.push([message, parsed.data]);
  }
  await Promise.all([
    ...fanouts.map(([message, body]) => handleFanout(ctx, message, body)),
    handleDeliveries(ctx, deliveries),
  ]);
}

async function handleFanout(
  ctx: CommitContext,
  message: Message<unknown>,
  body: FanoutMessage,
): Promise<void> {
  try {
    const deliveries = await fanOut(ctx.env, ctx.db, body.eventId);
    log("info", "webhook_fanout", { eventId: body.eventId, deliveries });
    message.ack();
  } catch (error) {
    log("error", "webhook_crashed", { id: message.id, error: String(error) });
    message.retry({ delaySeconds: webhookRetryDelay(message.attempts) });
  }
}

async function handleDeliveries(ctx: CommitContext, deliveries: [Message<unknown>, DeliverMessage][]) {
  const results = await deliverWebhooks(
    ctx,
    deliveries.map(([, body]) => body),
  );
  deliveries.forEach(([message, body], i) => {
    const result = results[i] ?? new Error("no result");
    if (result instanceof Error) {
      log("error", "webhook_crashed", { id: message.id, error: String(result) });
      message.retry({ delaySeconds: webhookRetryDelay(message.attempts) });
      return;
    }
    if (typeof result === "string") {
      log("info", "webhook_delivery", { webhookId: body.webhookId, endpointId: body.endpointId, result });
      message.ack();
      return;
    }
    const delaySeconds = Math.max(
      webhookRetryDelay(message.attempts),
      Math.min(result.retryAfterSeconds ?? 0, 43_200),
    );
    log("warn", "webhook_retry", {
      webhookId: body.webhookId,
      endpointId: body.endpointId,
      reason: result.retry,
      delaySeconds,
    });
    message.retry({ delaySeconds });
  });
}

/** The timeline reasons for what the dead-letter queue holds. */
const GIVEN_UP = {
  deliver: "no successful delivery after about a day of retries",
  fanout: "the fan-out failed on every attempt for about a day; no delivery of this event was queued",
} as const;

async function recordGivenUp(ctx: CommitContext, db: Database, message: WebhookMessage): Promise<void> {
  if (message.kind === "fanout") {
    // Marked as dispatched, so that the minute repair stops sending it again.
    const event = await findEvent(db, message.eventId);
    if (event) await abandonFanout(db, event, GIVEN_UP.fanout, new Date());
    return;
  }
  const { invitationToken, endpointId, webhookId, type } = message;
  const abandoned = {
    token: invitationToken,
    type: "webhook.abandoned",
    at: new Date(),
    data: { endpointId, webhookId, event: type, reason: GIVEN_UP.deliver },
    dedupeKey: `webhook:${webhookId}:${endpointId}:abandoned`,
  };
  await commit(ctx, recordEvents(db, [abandoned]));
}

/** Messages the queue gave up on (about a day of retries): recorded on the timeline, then dropped. */
export async function consumeDeadWebhooks(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const ctx = { env, db: createDb(env.DB) };
  for (const message of batch.messages) {
    const parsed = WebhookMessageSchema.safeParse(message.body);
    if (parsed.success) await recordGivenUp(ctx, ctx.db, parsed.data);
    log("error", "webhook_dead_lettered", { id: message.id, kind: parsed.data?.kind ?? "invalid" });
    message.ack();
  }
}
