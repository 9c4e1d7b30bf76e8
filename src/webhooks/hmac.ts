import { fromBase64, hmac, toBase64 } from "../core/encoding";

/** The `whsec_` prefix of Svix and Standard Webhooks symmetric secrets. */
export const WEBHOOK_SECRET_PREFIX = "whsec_";

const encoder = new TextEncoder();

/**
 * The key bytes of a `whsec_<base64>` secret. The prefix is optional, as in the official libraries.
 * A malformed secret is our configuration error, not the sender's, so it throws instead of failing a check.
 */
export function decodeWebhookSecret(secret: string): Uint8Array {
  const encoded = secret.startsWith(WEBHOOK_SECRET_PREFIX)
    ? secret.slice(WEBHOOK_SECRET_PREFIX.length)
    : secret;
  const key = fromBase64(encoded);
  if (!key || key.length === 0) throw new Error("Webhook secret is not a whsec_ base64 key.");
  return key;
}

/** base64(HMAC(key, UTF-8 message)) with Web Crypto, so it runs in workerd without Node's crypto. */
export async function hmacBase64(
  hash: "SHA-1" | "SHA-256",
  key: Uint8Array | string,
  message: string,
): Promise<string> {
  return toBase64(await hmac(hash, key, message));
}

/**
 * Constant-time string equality. The early length check only reveals the length of the expected value,
 * which the algorithm fixes anyway (and `timingSafeEqual` throws on unequal lengths).
 */
export function constantTimeEqual(received: string, expected: string): boolean {
  const a = encoder.encode(received);
  const b = encoder.encode(expected);
  return a.byteLength === b.byteLength && crypto.subtle.timingSafeEqual(a, b);
}
