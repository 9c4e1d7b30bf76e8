import { constantTimeEqual, hmacBase64 } from "./hmac";

/** Form parameters of a Twilio request; a name sent more than once carries all its values. */
export type TwilioParams = Record<string, string | string[]>;

/**
 * The parameters of an `application/x-www-form-urlencoded` body, as the signature covers them: every value of
 * a repeated name, in the order sent. Never throws: a malformed escape stays as written, bytes that are not
 * UTF-8 become U+FFFD, so a mangled body simply fails the signature.
 */
export function parseTwilioForm(body: string): TwilioParams {
  const form = new URLSearchParams(body);
  // fromEntries defines own properties, so a parameter named `__proto__` is data like any other.
  return Object.fromEntries(
    [...new Set(form.keys())].map((name) => {
      const values = form.getAll(name);
      return [name, values.length === 1 ? (values[0] ?? "") : values];
    }),
  );
}

/**
 * The `X-Twilio-Signature` Twilio would send: base64(HMAC-SHA1(authToken, url + params)), where params are
 * appended sorted by name as name+value without delimiters. A repeated name contributes name+value once per
 * distinct value, values sorted, exactly as the official twilio-node library computes it (its
 * `getExpectedTwilioSignature`). Sorting is by UTF-16 code unit, like that library's default sort.
 */
export async function computeTwilioSignature(
  authToken: string,
  url: string,
  params: TwilioParams,
): Promise<string> {
  let data = url;
  for (const name of Object.keys(params).sort()) {
    const value = params[name] ?? "";
    const values = typeof value === "string" ? [value] : [...new Set(value)].sort();
    for (const item of values) data += name + item;
  }
  return hmacBase64("SHA-1", authToken, data);
}

/**
 * Checks a Twilio signature against the URL Twilio called. Like the official libraries it also accepts the
 * URL with any port removed and with the scheme's standard port added (Twilio has signed both forms,
 * depending on how the webhook URL was configured), then the same two forms of the WHATWG-normalised URL
 * (a `Request.url` is normalised, while Twilio signs the characters it sent). Comparisons are constant-time.
 * twilio-node's last fallback (re-encoding the query with Node's legacy `querystring`) is left out.
 */
export async function verifyTwilioSignature(
  authToken: string,
  url: string,
  params: TwilioParams,
  signature: string | null,
): Promise<boolean> {
  if (!signature) return false;
  const candidates = new Set([withoutPort(url), withStandardPort(url)]);
  const normalised = URL.canParse(url) ? new URL(url).toString() : url;
  candidates.add(withoutPort(normalised));
  candidates.add(withStandardPort(normalised));
  let valid = false;
  for (const candidate of candidates) {
    const expected = await computeTwilioSignature(authToken, candidate, params);
    if (constantTimeEqual(signature, expected)) valid = true;
  }
  return valid;
}

/** An absolute URL cut around its host, without normalising anything (Twilio signs the raw characters). */
function splitAuthority(url: string): { before: string; host: string; port: string; after: string } | null {
  const match = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)/i.exec(url);
  if (!match) return null;
  const [whole, scheme = "", authority = ""] = match;
  const hostStart = authority.lastIndexOf("@") + 1;
  const hostAndPort = authority.slice(hostStart);
  // In an IPv6 literal the colons inside the brackets are not a port separator.
  const colon = hostAndPort.indexOf(":", hostAndPort.lastIndexOf("]") + 1);
  return {
    before: scheme + authority.slice(0, hostStart),
    host: colon === -1 ? hostAndPort : hostAndPort.slice(0, colon),
    port: colon === -1 ? "" : hostAndPort.slice(colon),
    after: url.slice(whole.length),
  };
}

function withoutPort(url: string): string {
  const parts = splitAuthority(url);
  return parts ? parts.before + parts.host + parts.after : url;
}

function withStandardPort(url: string): string {
  const parts = splitAuthority(url);
  if (!parts || parts.port) return url;
  const port = parts.before.toLowerCase().startsWith("https://") ? ":443" : ":80";
  return parts.before + parts.host + port + parts.after;
}
