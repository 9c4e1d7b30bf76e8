/**
 * A D1 binding that reports each round trip (each statement executed on its own, each batch) with where it
 * goes and D1's own `meta`, for the opt-in metering (src/metering/, d1-metrics.ts). Sessions
 * (`withSession`) are wrapped too. Where a round trip goes follows D1's Sessions API:
 * - the binding itself always reaches the primary;
 * - a session's write (any statement that is not a read) reaches the primary;
 * - a session made with `"first-primary"` sends its first round trip to the primary;
 * - any other session read may be served by a replica ("session").
 *
 * `raw()` is what drizzle uses for most selects, and D1 drops `meta` there. A `raw()` SELECT is therefore run
 * once more with `all()` for its `meta` (results discarded, one round trip counted): the caller still gets
 * exactly what `raw()` answers, even with duplicate column names, which `all()` would merge. Any other
 * `raw()` statement (INSERT/UPDATE … RETURNING) must not run twice, so it runs once with `all()`; its
 * RETURNING columns come from one table and cannot collide. The extra read makes metered requests slower:
 * time them with the metering off.
 */

/** Where a round trip goes: the D1 primary, or whichever replica a session may read from. */
export type D1Route = "primary" | "session";

/** Told of every round trip once it has answered. */
export interface D1Recorder {
  /** One round trip, with the `meta` of each of its statements (a batch has several, `exec` none). */
  record(route: D1Route, metas: readonly D1Meta[]): void;
}

export interface D1MeterOptions {
  recorders: readonly D1Recorder[];
  /** Awaited before each round trip is sent (the bench's latency simulation). */
  beforeRoundTrip?: (route: D1Route) => Promise<unknown> | undefined;
}

/** The binding, metered; statements from it (and from its sessions) may go into any of their batches. */
export function meterD1(d1: D1Database, options: D1MeterOptions): D1Database {
  return new MeteredDatabase(d1, options);
}

const READ = /^\s*(?:select|explain)\b/i;
const WITH = /^\s*with\b/i;
const WRITE_VERB = /\b(?:insert|update|delete|replace)\b/i;

/** True for a statement that only reads: it may be served by a replica. */
export function isReadOnlyQuery(sql: string): boolean {
  return READ.test(sql) || (WITH.test(sql) && !WRITE_VERB.test(sql));
}

/** Decides each round trip's route and reports it, for the binding or for one session. */
class RoundTrips {
  readonly #options: D1MeterOptions;
  /** Null for the binding itself (always the primary); a session's first-primary flag otherwise. */
  #session: { firstToPrimary: boolean } | null;

  constructor(options: D1MeterOptions, session: { firstToPrimary: boolean } | null) {
    this.#options = options;
    this.#session = session;
  }

  #route(queries: readonly string[]): D1Route {
    if (this.#session === null) return "primary";
    const first = this.#session.firstToPrimary;
    this.#session.firstToPrimary = false;
    return first || !queries.every(isReadOnlyQuery) ? "primary" : "session";
  }

  async run<T>(
    queries: readonly string[],
    execute: () => Promise<T>,
    metasOf: (result: T) => readonly D1Meta[],
  ): Promise<T> {
    const route = this.#route(queries);
    await this.#options.beforeRoundTrip?.(route);
    const result = await execute();
    const metas = metasOf(result);
    for (const recorder of this.#options.recorders) recorder.record(route, metas);
    return result;
  }

  /** One batch: D1 only takes its own statements in a batch, so ours are unwrapped. */
  batch<T>(
    target: { batch<R>(statements: D1PreparedStatement[]): Promise<D1Result<R>[]> },
    statements: D1PreparedStatement[],
  ): Promise<D1Result<T>[]> {
    const inner = statements.map((s) => (s instanceof MeteredStatement ? s.inner : s));
    const queries = statements.map((s) => (s instanceof MeteredStatement ? s.query : ""));
    return this.run(
      queries,
      () => target.batch<T>(inner),
      (results) => results.map((r) => r.meta),
    );
  }
}

class MeteredDatabase implements D1Database {
  readonly #d1: D1Database;
  readonly #options: D1MeterOptions;
  readonly #trips: RoundTrips;

  constructor(d1: D1Database, options: D1MeterOptions) {
    this.#d1 = d1;
    this.#options = options;
    this.#trips = new RoundTrips(options, null);
  }

  prepare(query: string): D1PreparedStatement {
    return new MeteredStatement(this.#d1.prepare(query), query, this.#trips);
  }

  batch<T = unknown>(statements: D1PreparedStatement[]): Promise<D1Result<T>[]> {
    return this.#trips.batch<T>(this.#d1, statements);
  }

  exec(query: string): Promise<D1ExecResult> {
    // No `meta` here: a round trip without rows (only migrations and scripts use exec).
    return this.#trips.run(
      [query],
      () => this.#d1.exec(query),
      () => [],
    );
  }

  withSession(constraintOrBookmark?: D1SessionBookmark | D1SessionConstraint): D1DatabaseSession {
    const session = { firstToPrimary: constraintOrBookmark === "first-primary" };
    return new MeteredSession(
      this.#d1.withSession(constraintOrBookmark),
      new RoundTrips(this.#options, session),
    );
  }

  dump(): Promise<ArrayBuffer> {
    return this.#d1.dump();
  }
}

class MeteredSession implements D1DatabaseSession {
  readonly #session: D1DatabaseSession;
  readonly #trips: RoundTrips;

  constructor(session: D1DatabaseSession, trips: RoundTrips) {
    this.#session = session;
    this.#trips = trips;
  }

  prepare(query: string): D1PreparedStatement {
    return new MeteredStatement(this.#session.prepare(query), query, this.#trips);
  }

  batch<T = unknown>(statements: D1PreparedStatement[]): Promise<D1Result<T>[]> {
    return this.#trips.batch<T>(this.#session, statements);
  }

  getBookmark(): D1SessionBookmark | null {
    return this.#session.getBookmark();
  }
}

const SELECT = /^\s*select\b/i;

class MeteredStatement implements D1PreparedStatement {
  readonly inner: D1PreparedStatement;
  readonly query: string;
  readonly #trips: RoundTrips;

  constructor(inner: D1PreparedStatement, query: string, trips: RoundTrips) {
    this.inner = inner;
    this.query = query;
    this.#trips = trips;
  }

  bind(...values: unknown[]): D1PreparedStatement {
    return new MeteredStatement(this.inner.bind(...values), this.query, this.#trips);
  }

  run<T = Record<string, unknown>>(): Promise<D1Result<T>> {
    return this.#trips.run(
      [this.query],
      () => this.inner.run<T>(),
      (result) => [result.meta],
    );
  }

  all<T = Record<string, unknown>>(): Promise<D1Result<T>> {
    return this.#trips.run(
      [this.query],
      () => this.inner.all<T>(),
      (result) => [result.meta],
    );
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
    if (SELECT.test(this.query)) {
      const { rows } = await this.#trips.run(
        [this.query],
        async () => ({
          rows:
            options?.columnNames === true
              ? await this.inner.raw<T>({ columnNames: true })
              : await this.inner.raw<T>(),
          meta: (await this.inner.all()).meta,
        }),
        (result) => [result.meta],
      );
      return rows;
    }
    const { results } = await this.all();
    const rows = results.map((row) => Object.values(row) as T);
    if (options?.columnNames !== true) return rows;
    return [Object.keys(results[0] ?? {}), ...rows];
  }
}
