/** Vortex API keys: `VRTX.<base64url of the 16 UUID bytes>.<secret>`, and the signing key derived from one. */
import { fromBase64Url, hmac, toBase64Url, toHex } from "../core/encoding";

const KEY_PREFIX = "VRTX";

// 16 bytes are 22 base64url characters; the Node SDK's decoder also accepts the padded form.
const ENCODED_ID = /^[A-Za-z0-9_-]{22}(?:==)?$/;
// The SDK's `uuid.stringify` throws unless the version is 1-8 and the variant is RFC 4122 (10xx).
const RFC_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function uuidFromBytes(bytes: Uint8Array): string {
  const hex = toHex(bytes);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function bytesFromUuid(uuid: string): Uint8Array {
  const hex = uuid.replace(/-/g, "");
  return Uint8Array.from({ length: 16 }, (_, i) => Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16));
}

/**
 * Parses `VRTX.<base64url of 16 UUID bytes, padded or not>.<secret>`. Null unless it has exactly that shape and
 * the UUID has a valid RFC version (1-8) and variant, i.e. exactly the keys the official SDK can sign with.
 */
export function parseVortexKey(key: string): { kid: string; secret: string } | null {
  const parts = key.split(".");
  if (parts.length !== 3) return null;
  const [prefix, encodedId, secret] = parts;
  if (prefix !== KEY_PREFIX || !encodedId || !secret || !ENCODED_ID.test(encodedId)) return null;
  const bytes = fromBase64Url(encodedId);
  if (bytes?.length !== 16) return null;
  const kid = uuidFromBytes(bytes);
  return RFC_UUID.test(kid) ? { kid, secret } : null;
}

/** A new key: a random v4 UUID as kid, its 16 bytes base64url (unpadded) as encodedId, and a random secret (32 bytes, base64url). */
export function generateVortexKey(): { key: string; kid: string } {
  const kid = crypto.randomUUID();
  const secret = toBase64Url(crypto.getRandomValues(new Uint8Array(32)));
  return { key: `${KEY_PREFIX}.${toBase64Url(bytesFromUuid(kid))}.${secret}`, kid };
}

/** The SDK's signing key: HMAC-SHA256(key = UTF-8(secret), msg = UTF-8(kid)), 32 raw bytes. */
export async function deriveSigningKey(secret: string, kid: string): Promise<Uint8Array> {
  return hmac("SHA-256", secret, kid);
}
