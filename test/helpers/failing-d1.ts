/**
 * Fault injection at the D1 binding: a D1Database that fails the first statement (or batch) whose SQL
 * matches, on the binding or through one of its sessions (`withSession`), then works again. Everything else — including the statements after the fault — goes to the real
 * local D1 with the production migrations, so this is a fault of the binding, not a mock of our storage.
 *
 * drizzle's D1 driver calls `prepare(sql).bind(...)` and then `run()` / `all()` / `raw()` / `first()`, or
 * hands the bound statements to `batch([...])`. A batch with a matching statement fails as a whole, before
 * anything is written, which is what D1 does when one statement of a batch fails.
 *
 * Usage: `const faulty = withFailingD1(env, updatesInvitation(token))`, then hand `faulty.env` to a consumer
 * or the sweeper; `faulty.failures()` says how many calls were failed.
 */
export interface D1Call {
  sql: string;
  params: unknown[];
}

export interface D1Fault {
  /** Whether this statement fails (a batch fails if any of its statements does). */
  matches: (statement: D1Call) => boolean;
  /** How many matching calls fail before the binding works again; once by default. */
  times?: number;
}

export interface FailingD1 {
  db: D1Database;
  /** How many calls the fault has failed so far. */
  failures: () => number;
}

/** An env whose `DB` fails as `fault` says; every other binding is the real one. */
export function withFailingD1(
  env: Env,
  matches: D1Fault["matches"] | D1Fault,
): { env: Env; failures: () => number } {
  const fault = typeof matches === "function" ? { matches } : matches;
  const failing = failingD1(env.DB, fault);
  return { env: { ...env, DB: failing.db }, failures: failing.failures };
}

/** Wraps a D1 binding so that the first `fault.times` (1) matching calls throw as D1 would. */
export function failingD1(d1: D1Database, fault: D1Fault): FailingD1 {
  const injector = new FaultInjector(fault);
  return { db: new FaultyDatabase(d1, injector), failures: () => injector.failed };
}

class FaultInjector {
  failed = 0;
  readonly #fault: Required<D1Fault>;

  constructor(fault: D1Fault) {
    this.#fault = { times: 1, ...fault };
  }

  /** Throws for the SQL of one call (a statement or a batch) while the fault still has failures to give. */
  check(statements: D1Call[]): void {
    if (this.failed >= this.#fault.times) return;
    const hit = statements.find((statement) => this.#fault.matches(statement));
    if (hit === undefined) return;
    this.failed += 1;
    throw new Error(`D1_ERROR: injected fault (test/helpers/failing-d1.ts) on: ${hit.sql.slice(0, 120)}`);
  }
}

class FaultyDatabase implements D1Database {
  readonly #d1: D1Database;
  readonly #injector: FaultInjector;

  constructor(d1: D1Database, injector: FaultInjector) {
    this.#d1 = d1;
    this.#injector = injector;
  }

  prepare(query: string): D1PreparedStatement {
    return new FaultyStatement(this.#d1.prepare(query), query, this.#injector);
  }

  async batch<T = unknown>(statements: D1PreparedStatement[]): Promise<D1Result<T>[]> {
    this.#injector.check(
      statements.map((s) => (s instanceof FaultyStatement ? s.call : { sql: "", params: [] })),
    );
    // D1 only takes its own statements in a batch.
    return this.#d1.batch<T>(statements.map((s) => (s instanceof FaultyStatement ? s.inner : s)));
  }

  exec(query: string): Promise<D1ExecResult> {
    this.#injector.check([{ sql: query, params: [] }]);
    return this.#d1.exec(query);
  }

  /** A session fails as the binding does: a replica read is a D1 call like any other. */
  withSession(constraintOrBookmark?: D1SessionBookmark | D1SessionConstraint): D1DatabaseSession {
    const session = this.#d1.withSession(constraintOrBookmark);
    const injector = this.#injector;
    return {
      prepare: (query) => new FaultyStatement(session.prepare(query), query, injector),
      batch: <T = unknown>(statements: D1PreparedStatement[]) => {
        injector.check(
          statements.map((s) => (s instanceof FaultyStatement ? s.call : { sql: "", params: [] })),
        );
        return session.batch<T>(statements.map((s) => (s instanceof FaultyStatement ? s.inner : s)));
      },
      getBookmark: () => session.getBookmark(),
    };
  }

  dump(): Promise<ArrayBuffer> {
    return this.#d1.dump();
  }
}

class FaultyStatement implements D1PreparedStatement {
  readonly inner: D1PreparedStatement;
  readonly call: D1Call;
  readonly #injector: FaultInjector;

  constructor(inner: D1PreparedStatement, query: string, injector: FaultInjector, params: unknown[] = []) {
    this.inner = inner;
    this.call = { sql: query, params };
    this.#injector = injector;
  }

  bind(...values: unknown[]): D1PreparedStatement {
    return new FaultyStatement(this.inner.bind(...values), this.call.sql, this.#injector, values);
  }

  async run<T = Record<string, unknown>>(): Promise<D1Result<T>> {
    this.#injector.check([this.call]);
    return this.inner.run<T>();
  }

  async all<T = Record<string, unknown>>(): Promise<D1Result<T>> {
    this.#injector.check([this.call]);
    return this.inner.all<T>();
  }

  first<T = unknown>(colName: string): Promise<T | null>;
  first<T = Record<string, unknown>>(): Promise<T | null>;
  async first<T>(colName?: string): Promise<T | null> {
    this.#injector.check([this.call]);
    return colName === undefined ? this.inner.first<T>() : this.inner.first<T>(colName);
  }

  raw<T = unknown[]>(options: { columnNames: true }): Promise<[string[], ...T[]]>;
  raw<T = unknown[]>(options?: { columnNames?: false }): Promise<T[]>;
  async raw<T = unknown[]>(options?: { columnNames?: boolean }): Promise<[string[], ...T[]] | T[]> {
    this.#injector.check([this.call]);
    return options?.columnNames === true ? this.inner.raw<T>({ columnNames: true }) : this.inner.raw<T>();
  }
}

/** An UPDATE of one invitation's row (a status move, a mirror of a send, a failure), as drizzle writes it. */
export function updatesInvitation(token: string): D1Fault["matches"] {
  return ({ sql, params }) => /^update "invitations" /i.test(sql) && params.includes(token);
}
