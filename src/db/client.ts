import type { Logger } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import * as schema from "./schema";

export type Database = ReturnType<typeof build>;

/** One client per binding (or session) object: building one reads the whole schema, some 40 µs a request. */
const clients = new WeakMap<D1Database, ReturnType<typeof build>>();

function build(d1: D1Database, logger?: Logger) {
  return drizzle(d1, { schema, ...(logger ? { logger } : {}) });
}

/**
 * A drizzle client over the D1 binding (or one of its sessions). The client holds no state of a request, so
 * the isolate keeps one per binding object and every request on it shares it. The logger lets the query-plan
 * test see every statement the repositories issue; a logged client is never shared.
 */
export function createDb(d1: D1Database, logger?: Logger) {
  if (logger) return build(d1, logger);
  const known = clients.get(d1);
  if (known) return known;
  const client = build(d1);
  clients.set(d1, client);
  return client;
}
