import { openSecret } from "../../core/secret-box";
import type { WebhookEndpointRow, WebhookFormat } from "../../db/webhook-endpoints-repo";
import { webhookHeaders } from "../standard-webhooks";
import { signVortexWebhook, VORTEX_SIGNATURE_HEADER } from "../vortex-signature";

const TIMEOUT_MS = 15_000;

/** What the endpoint did with a POST: its status and `Retry-After`, or why it never answered. */
export type PostAnswer =
  | { status: number; retryAfterSeconds: number | null }
  | { failed: "timed out" | "could not connect" };

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

/** One signed POST of `payload` to `url`, in the endpoint's format, without following redirects. */
export async function postWebhook(
  env: Env,
  endpoint: WebhookEndpointRow,
  url: URL,
  webhook: { webhookId: string; payload: string },
): Promise<PostAnswer> {
  const secret = await openSecret(env.SECRETS_KEY, endpoint.secretCiphertext);
  const headers = await signatureHeaders(endpoint.format, secret, webhook.webhookId, webhook.payload);
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", "User-Agent": "AutoDoc-Webhooks/1.0", ...headers },
      body: webhook.payload,
      redirect: "manual",
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    return {
      failed: error instanceof Error && error.name === "TimeoutError" ? "timed out" : "could not connect",
    };
  }
  await response.body?.cancel();
  const retryAfter = Number(response.headers.get("Retry-After"));
  return { status: response.status, retryAfterSeconds: retryAfter > 0 ? retryAfter : null };
}
