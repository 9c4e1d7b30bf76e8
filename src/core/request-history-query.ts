/**
 * Reading a request history, as pure functions: entry ids that are also the page cursor, and the filters a
 * reader may ask for.
 */

/** A position in a history, newest first: by time, then by arrival at the object. */
export interface HistoryPosition {
  time: number;
  seq: number;
}

const ENTRY_ID = /^req_([0-9a-z]{1,11})_([0-9a-z]{1,11})$/;

/** The pattern of an entry id, for the `startingAfter` parameter's contract. */
export const ENTRY_ID_PATTERN = ENTRY_ID.source;

/** An entry's id, which is also its cursor: `req_<time>_<seq>` in base 36. */
export function requestEntryId(position: HistoryPosition): string {
  return `req_${position.time.toString(36)}_${position.seq.toString(36)}`;
}

/**
 * The position an entry id names, or null when it is not one. A cursor needs no lookup, so a page still
 * follows on after its entry was pruned; an id from another history only names a time, and reads nothing
 * but the caller's own entries.
 */
export function parseRequestEntryId(id: string): HistoryPosition | null {
  const match = ENTRY_ID.exec(id);
  if (!match?.[1] || !match[2]) return null;
  const time = Number.parseInt(match[1], 36);
  const seq = Number.parseInt(match[2], 36);
  return Number.isSafeInteger(time) && Number.isSafeInteger(seq) ? { time, seq } : null;
}

/** Statuses a reader asks for: one status (`404`) or a class (`4xx`). */
export interface StatusRange {
  min: number;
  max: number;
}

const STATUS = /^([1-5])(\d\d|xx)$/;

/** The pattern of the `status` filter, for its contract. */
export const STATUS_FILTER_PATTERN = STATUS.source;

/** `404` → 404 to 404, `4xx` → 400 to 499; null for anything else. */
export function parseStatusFilter(text: string): StatusRange | null {
  const match = STATUS.exec(text);
  if (!match?.[1] || !match[2]) return null;
  if (match[2] === "xx") {
    const min = Number(match[1]) * 100;
    return { min, max: min + 99 };
  }
  const status = Number(text);
  return { min: status, max: status };
}

/** What a reader asks of one history: filters, a page size, and where the previous page ended. */
export interface HistoryQuery {
  /** Matches the concrete path or the route template exactly. */
  path?: string | undefined;
  method?: string | undefined;
  status?: StatusRange | undefined;
  before?: HistoryPosition | undefined;
  limit: number;
  /** Entries older than this are not read (they await the alarm). */
  since: number;
}
