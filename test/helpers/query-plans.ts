import { env } from "cloudflare:workers";
import { createDb } from "../../src/db/client";

export interface CapturedQuery {
  query: string;
  params: unknown[];
}

/** A prepared statement that notes its SQL and parameters whenever it runs, alone or in a batch. */
class CapturingStatement {
  constructor(
    readonly inner: D1PreparedStatement,
    readonly query: string,
    readonly params: unknown[],
    readonly captured: CapturedQuery[],
  ) {}

  note(): D1PreparedStatement {
    this.captured.push({ query: this.query, params: this.params });
    return this.inner;
  }

  bind(...params: unknown[]) {
    return new CapturingStatement(this.inner.bind(...params), this.query, params, this.captured);
  }

  first(column?: string) {
    return column === undefined ? this.note().first() : this.note().first(column);
  }

  all() {
    return this.note().all();
  }

  run() {
    return this.note().run();
  }

  raw(options?: { columnNames?: boolean }) {
    return options?.columnNames ? this.note().raw({ columnNames: true }) : this.note().raw();
  }
}

/**
 * A drizzle client over the real D1 binding that records every statement it sends, batches included
 * (drizzle's logger does not see the statements of a batch).
 */
export function capturingDb() {
  const captured: CapturedQuery[] = [];
  const d1 = {
    prepare: (query: string) => new CapturingStatement(env.DB.prepare(query), query, [], captured),
    batch: (statements: CapturingStatement[]) => env.DB.batch(statements.map((s) => s.note())),
    exec: (query: string) => env.DB.exec(query),
    dump: () => env.DB.dump(),
    withSession: () => env.DB.withSession(),
  };
  return { db: createDb(d1 as unknown as D1Database), captured };
}

/** The table scans (`SCAN <table>` without an index) in each statement's plan, by statement. */
export async function fullScans(queries: CapturedQuery[]) {
  const found: { query: string; plan: string[]; scans: string[] }[] = [];
  for (const { query, params } of queries) {
    const plan = await env.DB.prepare(`EXPLAIN QUERY PLAN ${query}`)
      .bind(...params)
      .all<{ detail: string }>();
    const details = plan.results.map((row) => row.detail);
    found.push({ query, plan: details, scans: details.filter((d) => /^SCAN \w+$/.test(d.trim())) });
  }
  return found;
}
