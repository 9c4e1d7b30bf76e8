import type { Context } from "hono";
import type { AppEnv } from "../env";
import { isolateTally } from "../metering/tally";

/**
 * `GET /dev/metering`: what this isolate's metered invocations have used since the last reset (D1 round trips
 * by route and rows, Durable Object requests, queue messages sent, invocations by kind; see
 * src/metering/tally-snapshot.ts). Counting happens only under `D1_METRICS = "on"` or `D1_SIMULATED_LATENCY`;
 * these requests themselves are never counted.
 */
export function readTally(c: Context<AppEnv>): Response {
  return c.json(isolateTally.snapshot());
}

/** `POST /dev/metering/reset` (operator token): the tally so far, and counting starts again from zero. */
export function resetTally(c: Context<AppEnv>): Response {
  return c.json(isolateTally.reset());
}
