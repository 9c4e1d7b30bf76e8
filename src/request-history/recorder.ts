import type { Context, MiddlewareHandler } from "hono";
import { utcDay } from "../core/request-history";
import type { AppEnv } from "../env";
import { log } from "../log";
import { flushDelayMs, HistoryBuffer } from "./buffer";
import { apiOf, ownerOf, recordOf } from "./entry";
import { flushHistory } from "./flush";

/**
 * Records every request of the APIs it is mounted on, after the response: the entry goes into the isolate's
 * buffer (no I/O, nothing awaited), and the first entry of an empty buffer schedules a flush FLUSH_DELAY_MS
 * later under waitUntil. So a request costs at most one Durable Object call, amortised over the isolate's
 * second, and no D1 round trip; a slow or failing history never changes or delays an answer.
 *
 * Mount it once per app (the buffer is the app's): before the body limit and the other checks, so that what
 * they refuse is recorded too. `REQUEST_HISTORY_RECORDING = "off"` turns it off (the bench compares both).
 */
export function requestHistoryRecorder(): MiddlewareHandler<AppEnv> {
  const buffer = new HistoryBuffer();
  return async function requestHistoryMiddleware(c, next) {
    if (c.env.REQUEST_HISTORY_RECORDING === "off") return next();
    const started = Date.now();
    await next();
    try {
      if (note(c, buffer, started)) scheduleFlush(c, buffer);
    } catch (error) {
      log("error", "request_history_record_failed", { path: c.req.path, error: String(error) });
    }
  };
}

/** Buffers the request (or, before authentication, counts it); answers true when a flush should be scheduled. */
function note(c: Context<AppEnv>, buffer: HistoryBuffer, started: number): boolean {
  const owner = ownerOf(c);
  if (!owner) return buffer.countUnauthenticated(utcDay(started), apiOf(c.req.path), c.res.status);
  return buffer.add(owner.owner, recordOf(c, started, owner.credential));
}

/** The flush, FLUSH_DELAY_MS from now; if it cannot be scheduled, what is buffered goes (and is logged). */
function scheduleFlush(c: Context<AppEnv>, buffer: HistoryBuffer): void {
  const env = c.env;
  const maxEntries = env.REQUEST_HISTORY_MAX_ENTRIES ? Number(env.REQUEST_HISTORY_MAX_ENTRIES) : undefined;
  const delayMs = flushDelayMs(env.REQUEST_HISTORY_FLUSH_MS);
  try {
    c.executionCtx.waitUntil(
      (async () => {
        await scheduler.wait(delayMs);
        await flushHistory(env, buffer, { maxEntries });
      })(),
    );
  } catch (error) {
    // Otherwise the buffer would stay non-empty and no later request would schedule a flush.
    const { batches } = buffer.take();
    const records = batches.reduce((sum, batch) => sum + batch.records.length, 0);
    log("error", "request_history_flush_not_scheduled", { records, error: String(error) });
  }
}
