/**
 * When a provider says an event happened, or `fallback` (when we heard of it) if its timestamp does not
 * parse: an authentic event is kept, and an Invalid Date never reaches a timeline row (occurred_at is NOT NULL).
 */
export function eventTime(timestamp: string | undefined, fallback: Date): Date {
  const at = timestamp === undefined ? Number.NaN : Date.parse(timestamp);
  return Number.isNaN(at) ? fallback : new Date(at);
}
