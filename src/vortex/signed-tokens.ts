/** Verification of what the Vortex SDKs sign offline: `generateJwt`/`generateToken` tokens and `sign(user)`. */

import { fromBase64Url, hmac, toBase64Url, toHex } from "../core/encoding";
import { constantTimeEqual } from "../webhooks/hmac";

type JsonObject = Record<string, unknown>;

const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
const SEGMENT = /^[A-Za-z0-9_-]+$/;
const HEX_DIGEST = /^[0-9a-f]{64}$/;

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A base64url segment holding a JSON object, or null. */
function decodeSegment(segment: string): JsonObject | null {
  const bytes = fromBase64Url(segment);
  if (!bytes) return null;
  try {
    const value: unknown = JSON.parse(decoder.decode(bytes));
    return isObject(value) ? value : null;
  } catch {
    return null;
  }
}

function splitToken(token: string): [string, string, string] | null {
  const parts = token.split(".");
  if (parts.length !== 3 || !parts.every((part) => SEGMENT.test(part))) return null;
  const [header = "", payload = "", signature = ""] = parts;
  return [header, payload, signature];
}

/** The `kid` in a token's header, without verifying (to find which key to verify with). */
export function tokenKid(token: string): string | null {
  const parts = splitToken(token);
  const header = parts && decodeSegment(parts[0]);
  return header && typeof header.kid === "string" ? header.kid : null;
}

/**
 * Verifies a compact HS256 token made by the SDK's `generateJwt` or `generateToken` with the given signing key.
 * Expiry is reported, not enforced, because the Vortex backend only logs expired tokens: `exp` comes from
 * `generateToken`, `expires` from `generateJwt` (both epoch seconds).
 */
export async function verifyVortexToken(
  token: string,
  signingKey: Uint8Array,
  now: Date = new Date(),
): Promise<{ header: JsonObject; payload: JsonObject; expired: boolean } | null> {
  const parts = splitToken(token);
  if (!parts) return null;
  const [headerSegment, payloadSegment, signature] = parts;
  const header = decodeSegment(headerSegment);
  // Pinning the algorithm keeps `alg: "none"` and friends out.
  if (header?.alg !== "HS256") return null;
  // Comparing canonical base64url text (what the SDK writes) also rejects re-encoded signatures.
  const expected = toBase64Url(await hmac("SHA-256", signingKey, `${headerSegment}.${payloadSegment}`));
  if (!constantTimeEqual(signature, expected)) return null;
  const payload = decodeSegment(payloadSegment);
  if (!payload) return null;
  const nowSeconds = now.getTime() / 1000;
  const expired = [payload.exp, payload.expires].some(
    (value) => typeof value === "number" && Number.isFinite(value) && nowSeconds >= value,
  );
  return { header, payload, expired };
}

function isNonEmpty(value: unknown): boolean {
  return (Array.isArray(value) || typeof value === "string") && value.length > 0;
}

// Keys the SDK maps or filters before copying the rest of the user through.
const MAPPED_USER_KEYS = new Set([
  "id",
  "email",
  "name",
  "avatarUrl",
  "userName",
  "userAvatarUrl",
  "adminScopes",
  "allowedEmailDomains",
]);
// Never copied, so a JSON-parsed user cannot smuggle prototype keys into the canonical form.
const SKIPPED_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/** Sorts object keys at every depth, serialising `toJSON` values and dropping what JSON.stringify would. */
function canonicalize(value: unknown): unknown {
  if (typeof value !== "object" || value === null) return value;
  const withToJson = value as { toJSON?: unknown };
  if (typeof withToJson.toJSON === "function") return canonicalize(withToJson.toJSON());
  if (Array.isArray(value)) return value.map(canonicalize);
  const result: JsonObject = Object.create(null);
  for (const key of Object.keys(value).sort()) {
    const entry = (value as JsonObject)[key];
    if (SKIPPED_KEYS.has(key) || ["undefined", "function", "symbol"].includes(typeof entry)) continue;
    result[key] = canonicalize(entry);
  }
  return result;
}

/**
 * The canonical JSON that the SDK's `sign(user)` signs: `userId` from `id`, `userEmail`, `name` and `avatarUrl`
 * (falling back to `userName`/`userAvatarUrl`) when truthy, `adminScopes` and `allowedEmailDomains` when non-empty,
 * every other defined key as is; keys sorted at every depth, no whitespace. Throws on values JSON cannot hold.
 */
export function canonicalUserJson(user: Record<string, unknown>): string {
  // Prototype-less, so an own `__proto__` key of a JSON-parsed user stays data (and is then skipped).
  const shaped: JsonObject = Object.create(null);
  shaped.userId = user.id;
  if (user.email) shaped.userEmail = user.email;
  const name = user.name ?? user.userName;
  if (name) shaped.name = name;
  const avatarUrl = user.avatarUrl ?? user.userAvatarUrl;
  if (avatarUrl) shaped.avatarUrl = avatarUrl;
  if (isNonEmpty(user.adminScopes)) shaped.adminScopes = user.adminScopes;
  if (isNonEmpty(user.allowedEmailDomains)) shaped.allowedEmailDomains = user.allowedEmailDomains;
  for (const [key, value] of Object.entries(user)) {
    if (!MAPPED_USER_KEYS.has(key) && value !== undefined) shaped[key] = value;
  }
  return JSON.stringify(canonicalize(shaped));
}

/** The kid before the colon of a `sign(user)` signature (to find which key to verify with). */
export function userSignatureKid(signature: string): string | null {
  const colon = signature.lastIndexOf(":");
  return colon > 0 ? signature.slice(0, colon) : null;
}

/** Verifies the SDK's `sign(user)` output, `<kid>:<hex HMAC-SHA256(signingKey, canonicalUserJson(user))>`. */
export async function verifyUserSignature(
  signature: string,
  user: Record<string, unknown>,
  signingKey: Uint8Array,
): Promise<boolean> {
  const digest = signature.slice(signature.lastIndexOf(":") + 1);
  if (!userSignatureKid(signature) || !HEX_DIGEST.test(digest)) return false;
  let canonical: string;
  try {
    canonical = canonicalUserJson(user);
  } catch {
    return false;
  }
  return constantTimeEqual(digest, toHex(await hmac("SHA-256", signingKey, canonical)));
}
