/**
 * The real D1 binding with its calls counted apart: those that go to the primary (a statement run on the
 * binding itself, a batch, an exec) and those made through a session (`withSession`, which may be served
 * by a read replica). With `sessionMisses`, the first reads through sessions answer no rows, as a replica
 * that has not seen a just-created invitation would; everything else is passed to the real local D1.
 */
export interface D1CallCounts {
  primary: number;
  session: number;
  /** The session reads answered empty so far. */
  missed: number;
}

export function countedD1(d1: D1Database, options: { sessionMisses?: number } = {}) {
  const counts: D1CallCounts = { primary: 0, session: 0, missed: 0 };
  const misses = { left: options.sessionMisses ?? 0 };
  return { db: new CountedDatabase(d1, counts, misses), counts };
}

type Misses = { left: number };

/** Counts one execution; answers whether it should come back empty (a replica behind the primary). */
type Execution = () => boolean;

class CountedDatabase implements D1Database {
  constructor(
    readonly inner: D1Database,
    readonly counts: D1CallCounts,
    readonly misses: Misses,
  ) {}

  readonly #primary: Execution = () => {
    this.counts.primary += 1;
    return false;
  };

  prepare(query: string): D1PreparedStatement {
    return new CountedStatement(this.inner.prepare(query), this.#primary);
  }

  batch<T = unknown>(statements: D1PreparedStatement[]): Promise<D1Result<T>[]> {
    this.#primary();
    return this.inner.batch<T>(statements.map(unwrap));
  }

  exec(query: string): Promise<D1ExecResult> {
    this.#primary();
    return this.inner.exec(query);
  }

  dump(): Promise<ArrayBuffer> {
    return this.inner.dump();
  }

  withSession(constraintOrBookmark?: D1SessionBookmark | D1SessionConstraint): D1DatabaseSession {
    const session = this.inner.withSession(constraintOrBookmark);
    const execution: Execution = () => {
      this.counts.session += 1;
      if (this.misses.left === 0) return false;
      this.misses.left -= 1;
      this.counts.missed += 1;
      return true;
    };
    return {
      prepare: (query) => new CountedStatement(session.prepare(query), execution),
      batch: <T = unknown>(statements: D1PreparedStatement[]) => {
        execution();
        return session.batch<T>(statements.map(unwrap));
      },
      getBookmark: () => session.getBookmark(),
    };
  }
}

const unwrap = (statement: D1PreparedStatement) =>
  statement instanceof CountedStatement ? statement.inner : statement;

class CountedStatement implements D1PreparedStatement {
  constructor(
    readonly inner: D1PreparedStatement,
    readonly execution: Execution,
  ) {}

  bind(...values: unknown[]): D1PreparedStatement {
    return new CountedStatement(this.inner.bind(...values), this.execution);
  }

  first<T = unknown>(colName: string): Promise<T | null>;
  first<T = Record<string, unknown>>(): Promise<T | null>;
  async first<T>(colName?: string): Promise<T | null> {
    if (this.execution()) return null;
    return colName === undefined ? this.inner.first<T>() : this.inner.first<T>(colName);
  }

  async run<T = Record<string, unknown>>(): Promise<D1Result<T>> {
    const result = await this.inner.run<T>();
    return this.execution() ? { ...result, results: [] } : result;
  }

  async all<T = Record<string, unknown>>(): Promise<D1Result<T>> {
    const result = await this.inner.all<T>();
    return this.execution() ? { ...result, results: [] } : result;
  }

  raw<T = unknown[]>(options: { columnNames: true }): Promise<[string[], ...T[]]>;
  raw<T = unknown[]>(options?: { columnNames?: false }): Promise<T[]>;
  async raw<T = unknown[]>(options?: { columnNames?: boolean }): Promise<[string[], ...T[]] | T[]> {
    if (options?.columnNames === true) {
      const [columns, ...rows] = await this.inner.raw<T>({ columnNames: true });
      return this.execution() ? [columns] : [columns, ...rows];
    }
    const rows = await this.inner.raw<T>();
    return this.execution() ? [] : rows;
  }
}
