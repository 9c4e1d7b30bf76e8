// The `Server-Timing` entry of a metered request (see d1-metrics.ts), written by the Worker and read by
// `npm run bench` in Node: no Workers types here, so both sides can import it.

/** One request's D1 work, from D1's own `meta`. */
export interface D1Counts {
  roundTrips: number;
  rowsRead: number;
  rowsWritten: number;
}

/** `d1;desc="rt=2 rr=3 rw=0"`: round trips, rows read, rows written. */
export function formatD1ServerTiming(counts: D1Counts): string {
  return `d1;desc="rt=${counts.roundTrips} rr=${counts.rowsRead} rw=${counts.rowsWritten}"`;
}

/** The counts in a Server-Timing header value, or null when it has no `d1` entry. */
export function parseD1ServerTiming(header: string | null | undefined): D1Counts | null {
  const match = header?.match(/\bd1;desc="rt=(\d+) rr=(\d+) rw=(\d+)"/);
  if (!match) return null;
  return { roundTrips: Number(match[1]), rowsRead: Number(match[2]), rowsWritten: Number(match[3]) };
}
