const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/**
 * A random base62 string. 24 characters carry 142 bits, above the 128 bits that link tokens need.
 * Rejection sampling keeps every character uniform (248 = 4 × 62 is the largest multiple below 256).
 */
export function randomBase62(length = 24): string {
  let out = "";
  while (out.length < length) {
    const bytes = crypto.getRandomValues(new Uint8Array(length * 2));
    for (const byte of bytes) {
      if (byte < 248 && out.length < length) out += BASE62.charAt(byte % 62);
    }
  }
  return out;
}

/** A prefixed identifier such as `adi_…`, `wf_…` or `sk_live_…`. */
export function newToken(prefix: string, length = 24): string {
  return `${prefix}_${randomBase62(length)}`;
}

/** Constant-time string comparison: both sides are hashed first so that lengths leak nothing either. */
export async function timingSafeEqualStrings(a: string, b: string): Promise<boolean> {
  const encoder = new TextEncoder();
  const [da, db] = await Promise.all([
    crypto.subtle.digest("SHA-256", encoder.encode(a)),
    crypto.subtle.digest("SHA-256", encoder.encode(b)),
  ]);
  return crypto.subtle.timingSafeEqual(da, db);
}
