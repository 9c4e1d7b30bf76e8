// The `Server-Timing` entries of a metered request (see d1-metrics.ts), written by the Worker and read by
// `npm run bench` in Node: no Workers types here, so both sides can import it.

/** One request's D1 work, from D1's own `meta`. */
export interface D1Counts {
  roundTrips: number;
  rowsRead: number;
  rowsWritten: number;
}

/** Where those round trips went (metered-d1.ts): the primary, or a session's replica. */
export interface D1RouteCounts {
  primaryRoundTrips: number;
  sessionRoundTrips: number;
}

/** `d1;desc="rt=2 rr=3 rw=0", d1-route;desc="primary=1 session=1"`. */
export function formatD1ServerTiming(counts: D1Counts & D1RouteCounts): string {
  return [
    `d1;desc="rt=${counts.roundTrips} rr=${counts.rowsRead} rw=${counts.rowsWritten}"`,
    `d1-route;desc="primary=${counts.primaryRoundTrips} session=${counts.sessionRoundTrips}"`,
  ].join(", ");
}

/** The counts in a Server-Timing header value, or null when it has no `d1` entry. */
export function parseD1ServerTiming(header: string | null | undefined): D1Counts | null {
  const match = header?.match(/\bd1;desc="rt=(\d+) rr=(\d+) rw=(\d+)"/);
  if (!match) return null;
  return { roundTrips: Number(match[1]), rowsRead: Number(match[2]), rowsWritten: Number(match[3]) };
}

/** The routes in a Server-Timing header value, or null when it has no `d1-route` entry. */
export function parseD1RouteTiming(header: string | null | undefined): D1RouteCounts | null {
  const match = header?.match(/\bd1-route;desc="primary=(\d+) session=(\d+)"/);
  if (!match) return null;
  return { primaryRoundTrips: Number(match[1]), sessionRoundTrips: Number(match[2]) };
}
