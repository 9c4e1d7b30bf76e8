/**
 * Secrets we must use later (webhook signing secrets), stored encrypted with AES-256-GCM under a key from
 * the environment (`SECRETS_KEY`, 32 bytes in base64). A stolen database alone does not reveal them.
 * Format: `v1.<iv base64>.<ciphertext base64>`.
 */
import { fromBase64, toBase64 } from "./encoding";

const VERSION = "v1";

async function importKey(keyBase64: string): Promise<CryptoKey> {
  const raw = fromBase64(keyBase64);
  if (raw?.length !== 32) throw new Error("SECRETS_KEY must be 32 bytes, base64-encoded");
  return crypto.subtle.importKey("raw", raw, "AES-GCM", false, ["encrypt", "decrypt"]);
}

export async function sealSecret(keyBase64: string, plaintext: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const key = await importKey(keyBase64);
  const sealed = await crypto.subtle.encrypt(
    { name: "AES-GCM", iv },
    key,
    new TextEncoder().encode(plaintext),
  );
  return `${VERSION}.${toBase64(iv)}.${toBase64(new Uint8Array(sealed))}`;
}

export async function openSecret(keyBase64: string, sealed: string): Promise<string> {
  const [version, ivText, ciphertextText] = sealed.split(".");
  const iv = fromBase64(ivText ?? "");
  const ciphertext = fromBase64(ciphertextText ?? "");
  if (version !== VERSION || !iv || !ciphertext) throw new Error("not a sealed secret");
  const key = await importKey(keyBase64);
  const plain = await crypto.subtle.decrypt({ name: "AES-GCM", iv }, key, ciphertext);
  return new TextDecoder().decode(plain);
}
