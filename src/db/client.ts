import type { Logger } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import * as schema from "./schema";

export type Database = ReturnType<typeof createDb>;

/**
 * A drizzle client over the D1 binding; cheap enough to build per request or per queue batch.
 * The logger lets the query-plan test see every statement the repositories issue.
 */
export function createDb(d1: D1Database, logger?: Logger) {
  return drizzle(d1, { schema, ...(logger ? { logger } : {}) });
}
