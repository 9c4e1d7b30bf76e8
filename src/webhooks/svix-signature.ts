import { constantTimeEqual, decodeWebhookSecret, hmacBase64 } from "./hmac";

/** The three `svix-*` (or `webhook-*`) headers of a signed request, null when absent. */
export interface SvixHeaders {
  id: string | null;
  timestamp: string | null;
  signature: string | null;
}

/**
 * Why a request was refused: `missing_headers` when a header is absent, empty or (timestamp) not an integer;
 * `stale` when the timestamp is outside the tolerance (replay protection); `invalid_signature` otherwise.
 */
export type SvixVerdict =
  | { ok: true }
  | { ok: false; reason: "missing_headers" | "stale" | "invalid_signature" };

/** Svix's libraries refuse timestamps more than five minutes away from now, in either direction. */
const DEFAULT_TOLERANCE_SECONDS = 300;

/**
 * Verifies a Svix-signed webhook (Resend's): HMAC-SHA256 of `${id}.${timestamp}.${body}` keyed with the
 * decoded `whsec_` secret, accepted when any `v1,<base64>` entry of the space-separated signature header
 * matches; other versions (e.g. `v1a`, asymmetric) are ignored. Throws only if the secret itself is malformed.
 */
export async function verifySvixSignature(input: {
  secret: string;
  headers: SvixHeaders;
  body: string;
  now?: Date;
  toleranceSeconds?: number;
}): Promise<SvixVerdict> {
  const { id, timestamp, signature } = input.headers;
  if (!id || !timestamp || !signature) return { ok: false, reason: "missing_headers" };
  if (!/^\d{1,15}$/.test(timestamp)) return { ok: false, reason: "missing_headers" };

  const nowSeconds = Math.floor((input.now ?? new Date()).getTime() / 1000);
  const tolerance = input.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  // Checked before the signature: a correctly signed but old request is exactly what a replay looks like.
  if (Math.abs(nowSeconds - Number(timestamp)) > tolerance) return { ok: false, reason: "stale" };

  const key = decodeWebhookSecret(input.secret);
  const expected = await hmacBase64("SHA-256", key, `${id}.${timestamp}.${input.body}`);
  // During a secret rotation the sender lists one v1 entry per key; any one matching is enough.
  let matches = false;
  for (const entry of signature.split(" ")) {
    const comma = entry.indexOf(",");
    if (comma === -1 || entry.slice(0, comma) !== "v1") continue;
    if (constantTimeEqual(entry.slice(comma + 1), expected)) matches = true;
  }
  return matches ? { ok: true } : { ok: false, reason: "invalid_signature" };
}
