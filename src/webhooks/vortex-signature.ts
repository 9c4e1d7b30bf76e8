import { hmac, toHex } from "../core/encoding";

/** The one header Vortex's webhook verifiers read (every official SDK, vortex-api.md §5). */
export const VORTEX_SIGNATURE_HEADER = "X-Vortex-Signature";

/**
 * Lowercase hex HMAC-SHA256 of the raw body, keyed with the secret's UTF-8 bytes as they are: Vortex does
 * not decode `whsec_` secrets, and has no timestamp or prefix. The receivers compare exact strings, so the
 * case of the hex matters.
 */
export async function signVortexWebhook(secret: string, body: string): Promise<string> {
  return toHex(await hmac("SHA-256", secret, body));
}
