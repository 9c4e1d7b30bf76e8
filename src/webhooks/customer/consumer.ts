import { createDb, type Database } from "../../db/client";
import { abandonFanout, findEvent } from "../../db/events-repo";
import { runPlan } from "../../db/plan";
import { recordEvents } from "../../db/timeline";
import { log } from "../../log";
import { deliverWebhook } from "./deliver";
import { webhookRetryDelay } from "./event-types";
import { fanOut } from "./fanout";
import { type WebhookMessage, WebhookMessageSchema } from "./message";

/** The `webhooks` consumer: fan-outs and deliveries, each acked or retried on its own. */
export async function consumeWebhooks(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const db = createDb(env.DB);
  await Promise.all(batch.messages.map((message) => handle(message, env, db)));
}

async function handle(message: Message<unknown>, env: Env, db: Database): Promise<void> {
  const parsed = WebhookMessageSchema.safeParse(message.body);
  if (!parsed.success) {
    log("error", "webhook_message_invalid", { id: message.id });
    message.ack();
    return;
  }
  const body = parsed.data;
  try {
    if (body.kind === "fanout") {
      const deliveries = await fanOut(env, db, body.eventId);
      log("info", "webhook_fanout", { eventId: body.eventId, deliveries });
      message.ack();
      return;
    }
    const result = await deliverWebhook(env, db, body);
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
  } catch (error) {
    log("error", "webhook_crashed", { id: message.id, error: String(error) });
    message.retry({ delaySeconds: webhookRetryDelay(message.attempts) });
  }
}

/** The timeline reasons for what the dead-letter queue holds. */
const GIVEN_UP = {
  deliver: "no successful delivery after about a day of retries",
  fanout: "the fan-out failed on every attempt for about a day; no delivery of this event was queued",
} as const;

async function recordGivenUp(db: Database, message: WebhookMessage): Promise<void> {
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
  await runPlan(db, recordEvents(db, [abandoned]));
}

/** Messages the queue gave up on (about a day of retries): recorded on the timeline, then dropped. */
export async function consumeDeadWebhooks(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const db = createDb(env.DB);
  for (const message of batch.messages) {
    const parsed = WebhookMessageSchema.safeParse(message.body);
    if (parsed.success) await recordGivenUp(db, parsed.data);
    log("error", "webhook_dead_lettered", { id: message.id, kind: parsed.data?.kind ?? "invalid" });
    message.ack();
  }
}
