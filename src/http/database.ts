import type { MiddlewareHandler } from "hono";
import { createDb } from "../db/client";
import { D1Metrics } from "../db/d1-metrics";
import type { AppEnv } from "../env";

/**
 * Puts a drizzle client on `c.var.db` for the handlers. With `D1_METRICS = "on"` (benchmarks only) the
 * response also reports the request's D1 round trips and rows in `Server-Timing` (see d1-metrics.ts);
 * work after the response (waitUntil) is not in it.
 */
export function database(): MiddlewareHandler<AppEnv> {
  return async function databaseMiddleware(c, next) {
    const metrics = c.env.D1_METRICS === "on" ? new D1Metrics() : null;
    c.set("db", createDb(metrics ? metrics.wrap(c.env.DB) : c.env.DB));
    await next();
    if (metrics) c.header("Server-Timing", metrics.serverTiming(), { append: true });
  };
}
