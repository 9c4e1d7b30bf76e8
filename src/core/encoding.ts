/**
 * The byte encodings and the one MAC that keys, tokens, secrets and signatures use, with Web Crypto only
 * (workerd has no need of Node's crypto). Every other module encodes through these.
 */
const utf8 = new TextEncoder();

/** Standard (padded) base64 of raw bytes. */
export function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** Decodes standard base64; null when the text is not base64. */
export function fromBase64(text: string): Uint8Array<ArrayBuffer> | null {
  try {
    return Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
  } catch {
    return null;
  }
}

/** Unpadded base64url of raw bytes, as Node's `Buffer#toString("base64url")` writes it. */
export function toBase64Url(bytes: Uint8Array): string {
  return toBase64(bytes).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** Decodes base64url, padded or not; null when the text holds any other character or cannot be base64. */
export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9_-]*={0,2}$/.test(text)) return null;
  return fromBase64(text.replace(/-/g, "+").replace(/_/g, "/"));
}

/** Lowercase hex of raw bytes. */
export function toHex(bytes: Uint8Array | ArrayBuffer): string {
  return Array.from(new Uint8Array(bytes), (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** HMAC of a UTF-8 message; a string key is taken as its UTF-8 bytes. */
export async function hmac(
  hash: "SHA-1" | "SHA-256",
  key: Uint8Array | string,
  message: string,
): Promise<Uint8Array> {
  const raw = typeof key === "string" ? utf8.encode(key) : key;
  const cryptoKey = await crypto.subtle.importKey("raw", raw, { name: "HMAC", hash }, false, ["sign"]);
  return new Uint8Array(await crypto.subtle.sign("HMAC", cryptoKey, utf8.encode(message)));
}

/** SHA-256 of a string's UTF-8 bytes, as lowercase hex. */
export async function sha256Hex(value: string): Promise<string> {
  return toHex(await crypto.subtle.digest("SHA-256", utf8.encode(value)));
}
