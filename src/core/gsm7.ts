// GSM 03.38 default alphabet. A message with any other character is sent as UCS-2, which cuts a single
// SMS from 160 to 70 characters, so everything we send by SMS is checked against these tables.
const BASIC =
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
  "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
// Extension table: each of these is sent as an escape plus a character, so it costs two septets.
const EXTENSION = "\f^{}\\[~]|€";

const BASIC_SET: ReadonlySet<string> = new Set(BASIC);
const EXTENSION_SET: ReadonlySet<string> = new Set(EXTENSION);

/** True when `char` (one code point) is in the GSM-7 basic character set. */
export function isGsm7Basic(char: string): boolean {
  return BASIC_SET.has(char);
}

/** True when every character of `text` can be sent in GSM-7 (basic set or extension table). */
export function isGsm7(text: string): boolean {
  for (const char of text) {
    if (!BASIC_SET.has(char) && !EXTENSION_SET.has(char)) return false;
  }
  return true;
}

/**
 * Length of `text` in GSM-7 septets: extension-table characters count 2.
 * Characters outside GSM-7 count 1; callers check `isGsm7` first, since such text is not sent as GSM-7 at all.
 */
export function gsm7Length(text: string): number {
  let length = 0;
  for (const char of text) length += EXTENSION_SET.has(char) ? 2 : 1;
  return length;
}
