import { toBase64 } from "../core/encoding";
import { decodeWebhookSecret, hmacBase64, WEBHOOK_SECRET_PREFIX } from "./hmac";

/** The headers Standard Webhooks puts on every delivery; `webhook-id` stays the same across retries. */
export type WebhookHeaders = Record<"webhook-id" | "webhook-timestamp" | "webhook-signature", string>;

/** 32 bytes: inside the spec's 24–64 byte range and, per RFC 2104, no shorter than SHA-256's output. */
const SECRET_BYTES = 32;

/** A new endpoint secret, `whsec_` + base64 of 32 random bytes; one per endpoint, as the spec asks. */
export function generateWebhookSecret(): string {
  return WEBHOOK_SECRET_PREFIX + toBase64(crypto.getRandomValues(new Uint8Array(SECRET_BYTES)));
}

/**
 * The `v1,<base64>` signature of one delivery: HMAC-SHA256 of `${id}.${timestamp}.${body}` keyed with the
 * decoded secret. Throws on an id containing `.` or a non-integer timestamp, which would make the signed
 * content ambiguous for the receiver.
 */
export async function signWebhook(
  secret: string,
  id: string,
  timestampSeconds: number,
  body: string,
): Promise<string> {
  if (id === "" || id.includes(".")) throw new Error("A webhook id must be non-empty and contain no '.'.");
  if (!Number.isSafeInteger(timestampSeconds) || timestampSeconds < 0) {
    throw new Error("A webhook timestamp must be a non-negative integer number of seconds.");
  }
  const signature = await hmacBase64(
    "SHA-256",
    decodeWebhookSecret(secret),
    `${id}.${timestampSeconds}.${body}`,
  );
  return `v1,${signature}`;
}

/** The three Standard Webhooks headers for one delivery of `body`, to send verbatim with it. */
export async function webhookHeaders(
  secret: string,
  id: string,
  timestampSeconds: number,
  body: string,
): Promise<WebhookHeaders> {
  return {
    "webhook-id": id,
    "webhook-timestamp": String(timestampSeconds),
    "webhook-signature": await signWebhook(secret, id, timestampSeconds, body),
  };
}
