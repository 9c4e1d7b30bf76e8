/**
 * The request history's rules, as pure functions (the RequestHistory Durable Object only stores their
 * results): what one organization and mode keeps, the entry ids that are also the page cursor, and the
 * filters a reader may ask for.
 */

/** Entries one history keeps at most: past this, the oldest go first. */
export const HISTORY_MAX_ENTRIES = 10_000;
/** An entry older than this is gone (pruned by the object's alarm, and never read back meanwhile). */
export const HISTORY_MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;
/** The alarm that prunes by age runs no more often than this, however young the oldest entry is. */
export const HISTORY_PRUNE_INTERVAL_MS = 60 * 60 * 1000;

/** Who made a request, as the history shows it: never the secret, only what names the credential. */
export type RequestCredential =
  | { type: "private_key"; id: string; last4: string }
  | { type: "vortex_key"; id: string; last4: string }
  | { type: "jwt"; subject: string | null }
  | { type: "operator" };

/** A credential that selects an organization and a mode (the operator token selects neither). */
export type PrincipalCredential = Exclude<RequestCredential, { type: "operator" }>;

/** One request as it is stored: no body, no secret, no client IP; the query already redacted. */
export interface RequestRecord {
  /** Milliseconds since the epoch, when the request arrived. */
  time: number;
  method: string;
  path: string;
  /** The query string (without `?`), token-bearing values redacted; null when there was none. */
  query: string | null;
  /** The route template, OpenAPI style (`/v1/autodoc/invitations/{token}`); null when no route matched. */
  route: string | null;
  status: number;
  durationMs: number;
  errorCode: string | null;
  userAgent: string | null;
  requestId: string;
  credential: RequestCredential;
  sdkName: string | null;
  sdkVersion: string | null;
}

/** A stored record and its place in the object's insertion order. */
export interface StoredRequestRecord extends RequestRecord {
  seq: number;
}

/** Whose history: an organization in one mode, or the operator API's own. */
export type HistoryOwner = { organizationId: string; livemode: boolean } | "operator";

/** The name of an owner's history object. */
export function historyName(owner: HistoryOwner): string {
  return owner === "operator"
    ? "operator"
    : `org:${owner.organizationId}:${owner.livemode ? "live" : "test"}`;
}

/** The most entries a history keeps: the test setting may lower the cap, never raise it. */
export function historyCap(requested: number | undefined): number {
  if (requested === undefined || !Number.isInteger(requested) || requested < 1) return HISTORY_MAX_ENTRIES;
  return Math.min(requested, HISTORY_MAX_ENTRIES);
}

/** How many of the oldest entries a write must delete so that `count` entries fit within `cap`. */
export function entriesPastCap(count: number, cap: number): number {
  return Math.max(0, count - cap);
}

/** Entries before this time are too old to keep or show. */
export function oldestKeptTime(now: number): number {
  return now - HISTORY_MAX_AGE_MS;
}

/**
 * When the age alarm should run next: when the oldest entry turns too old, but not within the prune interval
 * of now (a busy history is pruned hourly, not at every write); null when there is nothing to prune.
 */
export function nextPruneAt(oldestTime: number | null, now: number): number | null {
  if (oldestTime === null) return null;
  return Math.max(oldestTime + HISTORY_MAX_AGE_MS, now + HISTORY_PRUNE_INTERVAL_MS);
}

/** The three APIs of the API host. */
export type ApiName = "autodoc" | "vortex" | "admin";

/** One day's count of requests refused before authentication, by API and status. */
export interface UnauthenticatedCount {
  day: string;
  api: ApiName;
  status: number;
  count: number;
}

/** The calendar day (UTC) of a time, `2026-11-22`: how unauthenticated refusals are counted. */
export function utcDay(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}
