import type { MiddlewareHandler } from "hono";
import { createDb } from "../db/client";
import type { AppEnv } from "../env";

/**
 * Puts a drizzle client on `c.var.db` for the handlers. Under the bench's metering (src/metering/) the binding
 * is already metered, and the response reports the request's D1 work in `Server-Timing`.
 */
export function database(): MiddlewareHandler<AppEnv> {
  return async function databaseMiddleware(c, next) {
    c.set("db", createDb(c.env.DB));
    await next();
  };
}
