/** One address with its optional display name, the shape structured send APIs take instead of RFC 5322 text. */
export interface Mailbox {
  email: string;
  name?: string;
}

// Deliberately loose: the provider validates the address itself; this only has to find where it is.
const ADDRESS = /^[^\s@<>",;]+@[^\s@<>",;]+$/;
const NAME_ADDR = /^(.*?)\s*<([^<>]*)>$/s;
const QUOTED = /^"((?:[^"\\]|\\.)*)"$/s;

/**
 * Parses a single RFC 5322 mailbox in the forms we write (`"Acme Corp" <acme@auto-doc.ai>`, `Acme <acme@…>`,
 * `<acme@…>` or a bare address), undoing the quoting of `quoteDisplayName`. Returns null for anything else
 * (address lists, groups, unbalanced quotes), so that a caller reports a misconfigured sender instead of
 * sending from a mangled one.
 */
export function parseMailbox(value: string): Mailbox | null {
  const text = value.trim();
  const nameAddr = NAME_ADDR.exec(text);
  if (!nameAddr) return ADDRESS.test(text) ? { email: text } : null;
  const email = (nameAddr[2] ?? "").trim();
  const name = displayName(nameAddr[1] ?? "");
  if (!ADDRESS.test(email) || name === null) return null;
  return name === "" ? { email } : { email, name };
}

/** The display name without quotes and escapes; null when it is not a single word run or quoted string. */
function displayName(raw: string): string | null {
  const text = raw.trim();
  if (!text.startsWith('"')) return /["<>,;]/.test(text) ? null : text.replace(/\s+/g, " ");
  const quoted = QUOTED.exec(text);
  if (!quoted) return null;
  return (quoted[1] ?? "").replace(/\\(.)/gs, "$1");
}
