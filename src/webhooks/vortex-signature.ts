/** The one header Vortex's webhook verifiers read (every official SDK, vortex-api.md §5). */
export const VORTEX_SIGNATURE_HEADER = "X-Vortex-Signature";

const encoder = new TextEncoder();

/**
 * Lowercase hex HMAC-SHA256 of the raw body, keyed with the secret's UTF-8 bytes as they are: Vortex does
 * not decode `whsec_` secrets, and has no timestamp or prefix. The receivers compare exact strings, so the
 * case of the hex matters.
 */
export async function signVortexWebhook(secret: string, body: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    "raw",
    encoder.encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(body)));
  return Array.from(mac, (byte) => byte.toString(16).padStart(2, "0")).join("");
}
