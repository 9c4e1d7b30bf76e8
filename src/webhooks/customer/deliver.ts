import type { Database } from "../../db/client";
import { inSequence, nothing, type Plan } from "../../db/plan";
import { recordEvents } from "../../db/timeline";
import type { DeliveryTarget } from "../../db/webhook-deliveries-repo";
import { disableWebhookEndpoint } from "../../db/webhook-endpoints-repo";
import { sendGate } from "../../durable-objects/send-gate";
import { log } from "../../log";
import { checkWebhookUrl } from "../url-policy";
import type { DeliverMessage } from "./message";
import { type PostAnswer, postWebhook } from "./post-webhook";
import { webhookPayload } from "./render-payload";

export type DeliveryResult = "delivered" | "skipped" | "gone" | { retry: string; retryAfterSeconds?: number };

/** A delivery's outcome, and what it leaves to write to D1 (written with the rest of its queue batch). */
export interface Attempted {
  result: DeliveryResult;
  record: Plan<unknown>;
}

/** The timeline key of a successful delivery: one per (webhook, endpoint), so a redelivery posts nothing. */
export const deliveredKey = (message: Pick<DeliverMessage, "webhookId" | "endpointId">) =>
  `webhook:${message.webhookId}:${message.endpointId}:delivered`;

/** A timeline entry about this delivery (no webhook of its own). */
function entry(
  db: Database,
  message: DeliverMessage,
  type: string,
  data: Record<string, unknown>,
  dedupeKey?: string,
) {
  return recordEvents(db, [
    {
      token: message.invitationToken,
      type,
      at: new Date(),
      data: { endpointId: message.endpointId, webhookId: message.webhookId, ...data },
      ...(dedupeKey ? { dedupeKey } : {}),
    },
  ]);
}

/** The timeline's record of a successful POST, once per (webhook, endpoint); `status` null if not known. */
const deliveredEntry = (db: Database, message: DeliverMessage, status: number | null) =>
  entry(db, message, "webhook.delivered", { event: message.type, status }, deliveredKey(message));

/** What an endpoint's answer means for the delivery, and what the timeline keeps of it. */
function judge(db: Database, message: DeliverMessage, answer: PostAnswer): Attempted {
  if ("failed" in answer) {
    return {
      result: { retry: answer.failed },
      record: entry(db, message, "webhook.failed", { event: message.type, reason: answer.failed }),
    };
  }
  const { status } = answer;
  if (status >= 200 && status < 300)
    return { result: "delivered", record: deliveredEntry(db, message, status) };
  if (status === 410) {
    const failed = entry(db, message, "webhook.failed", {
      event: message.type,
      status,
      reason: "endpoint disabled (410 Gone)",
    });
    return {
      result: "gone",
      record: inSequence<unknown>([
        disableWebhookEndpoint(db, message.endpointId, "The endpoint answered 410 Gone."),
        failed,
      ]),
    };
  }
  const retry = {
    retry: `HTTP ${status}`,
    ...(answer.retryAfterSeconds ? { retryAfterSeconds: answer.retryAfterSeconds } : {}),
  };
  return { result: retry, record: entry(db, message, "webhook.failed", { event: message.type, status }) };
}

/**
 * One signed POST of one event to one endpoint, in the endpoint's format, with what its queue batch read for
 * it (`target`, null when the endpoint or the event is gone). The POST's bytes are those the invitation's
 * SendGate kept for the webhook: the first rendered, for every endpoint and retry. The gate also lets one
 * of several copies post at a time, and none once one succeeded; it hears of a success before D1 does, so
 * that a failed write of the timeline never makes a second POST. Touches no D1: the writes are returned.
 */
export async function attemptDelivery(
  env: Env,
  db: Database,
  message: DeliverMessage,
  target: DeliveryTarget | null,
  now: Date,
): Promise<Attempted> {
  const skipped: Attempted = { result: "skipped", record: nothing() };
  if (!target || target.delivered || target.endpoint.status !== "enabled") return skipped;
  const { endpoint } = target;
  const payload = webhookPayload(env, target, message.type, now);
  if (payload === null) {
    log("error", "webhook_payload_unrenderable", { webhookId: message.webhookId, eventId: message.eventId });
    return skipped;
  }
  const url = checkWebhookUrl(endpoint.url, env.ENVIRONMENT);
  if (!url.ok)
    return { result: "gone", record: disableWebhookEndpoint(db, endpoint.id, `URL refused: ${url.reason}`) };
  const gate = sendGate(env, message.invitationToken);
  const key = deliveredKey(message);
  const lease = crypto.randomUUID();
  const claim = await gate.claimWebhook(key, lease, Date.now(), { webhookId: message.webhookId, payload });
  // The gate saw it delivered but the timeline lacks it (that write failed): record it, post nothing.
  if (claim.claim === "delivered") return { result: "skipped", record: deliveredEntry(db, message, null) };
  if (claim.claim === "in_flight") {
    return { result: { retry: "another copy is being posted", retryAfterSeconds: 60 }, record: nothing() };
  }
  let finished = false;
  try {
    const answer = await postWebhook(env, endpoint, url.url, {
      webhookId: message.webhookId,
      payload: claim.payload,
    });
    const attempted = judge(db, message, answer);
    finished = true;
    try {
      await gate.finishWebhook(key, lease, attempted.result === "delivered");
    } catch (error) {
      // A success is still kept from a second POST by its timeline entry (written next); a failure's claim
      // lapses within a minute.
      log("error", "webhook_claim_unfinished", { webhookId: message.webhookId, error: String(error) });
    }
    return attempted;
  } finally {
    // A fault before the answer was judged frees the claim for the retry.
    if (!finished) await gate.finishWebhook(key, lease, false);
  }
}
