/** The `whsec_` prefix of Svix and Standard Webhooks symmetric secrets. */
export const WEBHOOK_SECRET_PREFIX = "whsec_";

const encoder = new TextEncoder();

/** Standard (padded) base64 of raw bytes, the encoding of every signature and secret handled here. */
export function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** Decodes standard base64; null when the text is not base64. */
export function fromBase64(text: string): Uint8Array | null {
  try {
    return Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
  } catch {
    return null;
  }
}

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
  const raw = typeof key === "string" ? encoder.encode(key) : key;
  const cryptoKey = await crypto.subtle.importKey("raw", raw, { name: "HMAC", hash }, false, ["sign"]);
  return toBase64(new Uint8Array(await crypto.subtle.sign("HMAC", cryptoKey, encoder.encode(message))));
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
