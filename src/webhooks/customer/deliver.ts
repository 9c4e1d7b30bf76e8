import { openSecret } from "../../core/secret-box";
import type { Database } from "../../db/client";
import { runPlan } from "../../db/plan";
import { recordEvents } from "../../db/timeline";
import {
  disableWebhookEndpoint,
  findDeliveryTarget,
  type WebhookEndpointRow,
  type WebhookFormat,
} from "../../db/webhook-endpoints-repo";
import { sendGate } from "../../durable-objects/send-gate";
import { log } from "../../log";
import { webhookHeaders } from "../standard-webhooks";
import { checkWebhookUrl } from "../url-policy";
import { signVortexWebhook, VORTEX_SIGNATURE_HEADER } from "../vortex-signature";
import type { DeliverMessage } from "./message";

const TIMEOUT_MS = 15_000;

export type DeliveryResult = "delivered" | "skipped" | "gone" | { retry: string; retryAfterSeconds?: number };

/** The timeline key of a successful delivery: one per (webhook, endpoint), so a redelivery posts nothing. */
const deliveredKey = (message: DeliverMessage) =>
  `webhook:${message.webhookId}:${message.endpointId}:delivered`;

/**
 * Standard endpoints: the Standard Webhooks headers (`webhook-id`, `webhook-timestamp`, `webhook-signature`).
 * Vortex-format endpoints: `X-Vortex-Signature` only, which is all Vortex's verifiers read.
 */
async function signatureHeaders(
  format: WebhookFormat,
  secret: string,
  webhookId: string,
  payload: string,
): Promise<Record<string, string>> {
  if (format === "vortex") {
    return { [VORTEX_SIGNATURE_HEADER]: await signVortexWebhook(secret, payload) };
  }
  return webhookHeaders(secret, webhookId, Math.floor(Date.now() / 1000), payload);
}

/** One signed POST of one event's stored payload to one endpoint, in the endpoint's format. */
export async function deliverWebhook(
  env: Env,
  db: Database,
  message: DeliverMessage,
): Promise<DeliveryResult> {
  const found = await findDeliveryTarget(db, { ...message, deliveredKey: deliveredKey(message) });
  if (!found || found.delivered || found.endpoint.status !== "enabled") return "skipped";
  const { endpoint, payload } = found;
  if (payload === null) {
    // The fan-out stores the payload before it queues any delivery: only a deleted event gets here.
    log("error", "webhook_payload_missing", { webhookId: message.webhookId, eventId: message.eventId });
    return "skipped";
  }
  const target = checkWebhookUrl(endpoint.url, env.ENVIRONMENT);
  if (!target.ok) {
    await disableWebhookEndpoint(db, endpoint.id, `URL refused: ${target.reason}`);
    return "gone";
  }
  // Queues deliver at least once, copies possibly together: the invitation's gate lets one of them post.
  const gate = sendGate(env, message.invitationToken);
  const lease = crypto.randomUUID();
  const claim = await gate.claimWebhook(deliveredKey(message), lease, Date.now());
  if (claim === "delivered") {
    // The gate saw it delivered but the timeline lacks it (that write failed): record it, post nothing.
    await recordDelivered(db, message, endpoint.id, null);
    return "skipped";
  }
  if (claim === "in_flight") return { retry: "another copy is being posted", retryAfterSeconds: 60 };
  let result: DeliveryResult = { retry: "failed before the POST finished" };
  try {
    const markDelivered = () => gate.finishWebhook(deliveredKey(message), lease, true);
    result = await post(env, db, message, { endpoint, url: target.url, payload, markDelivered });
    return result;
  } finally {
    // A no-op once markDelivered ran: the claim no longer carries this lease.
    await gate.finishWebhook(deliveredKey(message), lease, result === "delivered");
  }
}

/** The timeline's record of a successful POST, once per (webhook, endpoint); `status` null if not known. */
async function recordDelivered(
  db: Database,
  message: DeliverMessage,
  endpointId: string,
  status: number | null,
): Promise<void> {
  // Timeline entries without a webhook of their own: run, not committed (nothing to publish).
  await runPlan(
    db,
    recordEvents(db, [
      {
        token: message.invitationToken,
        type: "webhook.delivered",
        at: new Date(),
        data: { endpointId, webhookId: message.webhookId, event: message.type, status },
        dedupeKey: deliveredKey(message),
      },
    ]),
  );
}

async function post(
  env: Env,
  db: Database,
  message: DeliverMessage,
  target: {
    endpoint: WebhookEndpointRow;
    url: URL;
    payload: string;
    /** Tells the gate this (webhook, endpoint) is delivered, before the timeline hears of it. */
    markDelivered: () => Promise<void>;
  },
): Promise<DeliveryResult> {
  const { endpoint, url, payload, markDelivered } = target;
  const secret = await openSecret(env.SECRETS_KEY, endpoint.secretCiphertext);
  const headers = await signatureHeaders(endpoint.format, secret, message.webhookId, payload);
  const record = (type: string, data: Record<string, unknown>) =>
    runPlan(
      db,
      recordEvents(db, [
        {
          token: message.invitationToken,
          type,
          at: new Date(),
          data: { endpointId: endpoint.id, webhookId: message.webhookId, ...data },
        },
      ]),
    );
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", "User-Agent": "AutoDoc-Webhooks/1.0", ...headers },
      body: payload,
      redirect: "manual",
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    const reason =
      error instanceof Error && error.name === "TimeoutError" ? "timed out" : "could not connect";
    await record("webhook.failed", { event: message.type, reason });
    return { retry: reason };
  }
  await response.body?.cancel();
  if (response.status >= 200 && response.status < 300) {
    // The gate first: should the timeline write fail, a redelivery finds it delivered instead of posting again.
    await markDelivered();
    await recordDelivered(db, message, endpoint.id, response.status);
    return "delivered";
  }
  if (response.status === 410) {
    await disableWebhookEndpoint(db, endpoint.id, "The endpoint answered 410 Gone.");
    await record("webhook.failed", {
      event: message.type,
      status: 410,
      reason: "endpoint disabled (410 Gone)",
    });
    return "gone";
  }
  await record("webhook.failed", { event: message.type, status: response.status });
  const retryAfter = Number(response.headers.get("Retry-After"));
  return { retry: `HTTP ${response.status}`, ...(retryAfter > 0 ? { retryAfterSeconds: retryAfter } : {}) };
}
