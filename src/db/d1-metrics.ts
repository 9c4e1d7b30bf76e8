/**
 * Opt-in D1 accounting (`D1_METRICS = "on"`, absent from wrangler.toml and so off in production): the sums
 * of the round trips a metered binding reports (metered-d1.ts), with D1's own `meta.rows_read` /
 * `meta.rows_written`. One per request gives its `Server-Timing`:
 * `d1;desc="rt=<round trips> rr=<rows read> rw=<rows written>"` and `d1-route;desc="primary=<n> session=<n>"`,
 * which `npm run bench` reads (d1-server-timing.ts); one per isolate is part of the metering tally
 * (src/metering/tally.ts).
 */
import { type D1Counts, type D1RouteCounts, formatD1ServerTiming } from "./d1-server-timing";
import { type D1Recorder, type D1Route, meterD1 } from "./metered-d1";

export class D1Metrics implements D1Counts, D1RouteCounts, D1Recorder {
  roundTrips = 0;
  rowsRead = 0;
  rowsWritten = 0;
  /** Round trips that reach the primary: the binding's own, a session's writes and first-primary reads. */
  primaryRoundTrips = 0;
  /** Session round trips a replica may serve. */
  sessionRoundTrips = 0;

  /** The binding, counted here alone (no latency); statements from it may also go into its `batch`. */
  wrap(d1: D1Database): D1Database {
    return meterD1(d1, { recorders: [this] });
  }

  /** The `Server-Timing` header value. */
  serverTiming(): string {
    return formatD1ServerTiming(this);
  }

  record(route: D1Route, metas: readonly D1Meta[]): void {
    this.roundTrips += 1;
    if (route === "primary") this.primaryRoundTrips += 1;
    else this.sessionRoundTrips += 1;
    for (const meta of metas) {
      this.rowsRead += meta.rows_read;
      this.rowsWritten += meta.rows_written;
    }
  }
}
