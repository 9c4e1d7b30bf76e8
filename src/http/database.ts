import type { MiddlewareHandler } from "hono";
import { createDb } from "../db/client";
import type { AppEnv } from "../env";

/** Puts a drizzle client on `c.var.db` for the handlers. */
export function database(): MiddlewareHandler<AppEnv> {
  return async function databaseMiddleware(c, next) {
    c.set("db", createDb(c.env.DB));
    await next();
  };
}
