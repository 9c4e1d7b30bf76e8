/**
 * Opt-in D1 accounting for one request (`D1_METRICS = "on"`, absent from wrangler.toml and so off in
 * production): the D1 binding is wrapped so that every statement executed on its own and every batch counts
 * as one round trip, and D1's own `meta.rows_read` / `meta.rows_written` are summed. The database middleware
 * reports the totals as `Server-Timing: d1;desc="rt=<round trips> rr=<rows read> rw=<rows written>"`;
 * `npm run bench` reads it (d1-server-timing.ts).
 *
 * `raw()` is what drizzle uses for most selects, and D1 drops `meta` there. A `raw()` SELECT is therefore run
 * once more with `all()` for its `meta` (results discarded, not counted as a round trip): the caller still
 * gets exactly what `raw()` answers, even with duplicate column names, which `all()` would merge. Any other
 * `raw()` statement (INSERT/UPDATE … RETURNING) must not run twice, so it runs once with `all()`; its
 * RETURNING columns come from one table and cannot collide. The extra read makes metered requests slower:
 * time them with the metrics off.
 */
import { type D1Counts, formatD1ServerTiming } from "./d1-server-timing";

export class D1Metrics implements D1Counts {
  roundTrips = 0;
  rowsRead = 0;
  rowsWritten = 0;

  /** The binding, counted; statements from it may also go into its `batch`. */
  wrap(d1: D1Database): D1Database {
    return new MeteredDatabase(d1, this);
  }

  /** The `Server-Timing` header value. */
  serverTiming(): string {
    return formatD1ServerTiming(this);
  }

  /** One round trip's `meta` (a batch passes several). */
  record(...metas: D1Meta[]): void {
    this.roundTrips += 1;
    for (const meta of metas) this.addRows(meta);
  }

  addRows(meta: D1Meta): void {
    this.rowsRead += meta.rows_read;
    this.rowsWritten += meta.rows_written;
  }
}

const SELECT = /^\s*select\b/i;

class MeteredDatabase implements D1Database {
  readonly #d1: D1Database;
  readonly #metrics: D1Metrics;

  constructor(d1: D1Database, metrics: D1Metrics) {
    this.#d1 = d1;
    this.#metrics = metrics;
  }

  prepare(query: string): D1PreparedStatement {
    return new MeteredStatement(this.#d1.prepare(query), query, this.#metrics);
  }

  async batch<T = unknown>(statements: D1PreparedStatement[]): Promise<D1Result<T>[]> {
    // D1 only takes its own statements in a batch.
    const inner = statements.map((s) => (s instanceof MeteredStatement ? s.inner : s));
    const results = await this.#d1.batch<T>(inner);
    this.#metrics.record(...results.map((r) => r.meta));
    return results;
  }

  async exec(query: string): Promise<D1ExecResult> {
    // No `meta` here: a round trip without rows (only migrations and scripts use exec).
    const result = await this.#d1.exec(query);
    this.#metrics.roundTrips += 1;
    return result;
  }

  /** Sessions are not metered (the request path does not use them). */
  withSession(constraintOrBookmark?: D1SessionBookmark | D1SessionConstraint): D1DatabaseSession {
    return this.#d1.withSession(constraintOrBookmark);
  }

  dump(): Promise<ArrayBuffer> {
    return this.#d1.dump();
  }
}

class MeteredStatement implements D1PreparedStatement {
  readonly inner: D1PreparedStatement;
  readonly #query: string;
  readonly #metrics: D1Metrics;

  constructor(inner: D1PreparedStatement, query: string, metrics: D1Metrics) {
    this.inner = inner;
    this.#query = query;
    this.#metrics = metrics;
  }

  bind(...values: unknown[]): D1PreparedStatement {
    return new MeteredStatement(this.inner.bind(...values), this.#query, this.#metrics);
  }

  async run<T = Record<string, unknown>>(): Promise<D1Result<T>> {
    const result = await this.inner.run<T>();
    this.#metrics.record(result.meta);
    return result;
  }

  async all<T = Record<string, unknown>>(): Promise<D1Result<T>> {
    const result = await this.inner.all<T>();
    this.#metrics.record(result.meta);
    return result;
  }

  first<T = unknown>(colName: string): Promise<T | null>;
  first<T = Record<string, unknown>>(): Promise<T | null>;
  async first<T>(colName?: string): Promise<T | null> {
    // `first()` is `all()` narrowed to the first row (D1 does the same), so it can carry `meta`.
    const { results } = await this.all<Record<string, T>>();
    const row = results[0];
    if (row === undefined) return null;
    return colName === undefined ? (row as T) : (row[colName] ?? null);
  }

  raw<T = unknown[]>(options: { columnNames: true }): Promise<[string[], ...T[]]>;
  raw<T = unknown[]>(options?: { columnNames?: false }): Promise<T[]>;
  async raw<T = unknown[]>(options?: { columnNames?: boolean }): Promise<[string[], ...T[]] | T[]> {
    if (SELECT.test(this.#query)) {
      const rows =
        options?.columnNames === true
          ? await this.inner.raw<T>({ columnNames: true })
          : await this.inner.raw<T>();
      this.#metrics.roundTrips += 1;
      this.#metrics.addRows((await this.inner.all()).meta);
      return rows;
    }
    const { results } = await this.all();
    const rows = results.map((row) => Object.values(row) as T);
    if (options?.columnNames !== true) return rows;
    return [Object.keys(results[0] ?? {}), ...rows];
  }
}
