/**
 * What of a request the history may keep, as pure functions: the query string with every token-bearing value
 * redacted, the route template in OpenAPI style, and header values clipped to a bound.
 */

/** What a redacted value reads as. */
export const REDACTED = "REDACTED";

/** Bounds of what one entry keeps, so that a hostile request cannot make an entry large. */
export const MAX_PATH_LENGTH = 512;
export const MAX_QUERY_LENGTH = 1024;
export const MAX_USER_AGENT_LENGTH = 256;
export const MAX_HEADER_VALUE_LENGTH = 64;

/**
 * Parameter names whose value is a secret or a link whatever it looks like: `invitation_token` (the start
 * link's), and anything that names a token, key, secret, password, signature, code or session.
 */
const SECRET_NAME = /token|secret|passw|signature|^sig$|key|auth|session|code|jwt|otp|nonce/i;

/** Our credentials, wherever they appear: private keys, Vortex keys, webhook signing secrets and JWTs. */
const CREDENTIAL_VALUE =
  /sk_(?:live|test)_[0-9A-Za-z]{8,}|VRTX\.[\w-]+\.[\w-]+|whsec_[\w+/=-]{8,}|eyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*/;

/** An invitation token (`adi_…`), which is also the start link's `invitation_token`. */
const LINK_TOKEN = /adi_[0-9A-Za-z]{16,}/;

/** A value that must not be kept in a query string, wherever it appears (a cursor, a filter, a URL inside). */
function isSecretValue(text: string): boolean {
  const plain = decoded(text);
  return CREDENTIAL_VALUE.test(plain) || LINK_TOKEN.test(plain);
}

function decoded(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, " "));
  } catch {
    // A malformed escape is kept as sent; the patterns still see its text.
    return text;
  }
}

/** True when a query parameter's value must not be kept. */
export function isSecretParameter(name: string, value: string): boolean {
  return SECRET_NAME.test(decoded(name)) || isSecretValue(name) || isSecretValue(value);
}

/**
 * The query string (without `?`) as the history keeps it: each parameter as sent, but the value of every
 * token-bearing one replaced by REDACTED, then clipped to MAX_QUERY_LENGTH. Redaction happens before clipping,
 * so a clipped query never shows part of a secret. Null when there is no query.
 */
export function redactQuery(rawQuery: string): string | null {
  if (rawQuery === "") return null;
  const pairs = rawQuery.split("&").map((pair) => {
    const at = pair.indexOf("=");
    const name = at < 0 ? pair : pair.slice(0, at);
    const value = at < 0 ? "" : pair.slice(at + 1);
    if (!isSecretParameter(name, value)) return pair;
    // A name can be the secret too (`?sk_live_…`): then the name goes as well.
    const keptName = isSecretValue(name) ? REDACTED : name;
    return at < 0 ? keptName : `${keptName}=${REDACTED}`;
  });
  return pairs.join("&").slice(0, MAX_QUERY_LENGTH);
}

/**
 * The path as the history keeps it, clipped. An invitation token in it is kept: it is the id of the caller's
 * own object, which the caller can read anyway, and without it the entry says little. A credential sent as a
 * path segment by mistake is redacted.
 */
export function recordedPath(path: string): string {
  const segments = path
    .split("/")
    .map((segment) => (CREDENTIAL_VALUE.test(decoded(segment)) ? REDACTED : segment));
  return segments.join("/").slice(0, MAX_PATH_LENGTH);
}

/** Hono's route path in OpenAPI style: `/invitations/:token` → `/invitations/{token}` (a pattern dropped). */
export function routeTemplate(honoPath: string): string {
  return honoPath
    .split("/")
    .map((segment) => {
      const param = /^:([A-Za-z0-9_]+)(?:\{.+\})?\??$/.exec(segment);
      return param ? `{${param[1]}}` : segment;
    })
    .join("/");
}

/** A header's value clipped to `max` characters; null when absent or empty. */
export function clippedHeader(value: string | undefined | null, max: number): string | null {
  if (value === undefined || value === null) return null;
  const trimmed = value.trim();
  return trimmed === "" ? null : trimmed.slice(0, max);
}
