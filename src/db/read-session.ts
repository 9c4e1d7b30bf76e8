import { createDb, type Database } from "./client";

/**
 * A drizzle client over a D1 session (the Sessions API): its reads may be served by the nearest read
 * replica, which can be behind the primary (p50 about 0.8 s, p99 about 6 s). drizzle's D1 driver only
 * prepares statements and batches them, which is all a session offers; anything else is refused rather
 * than sent around the session.
 */
export function sessionDb(session: D1DatabaseSession): Database {
  return createDb(new SessionDatabase(session));
}

/** A read of the nearest copy of the database: `first-unconstrained` lets the first query go to any replica. */
export function nearestReplica(d1: D1Database): Database {
  return sessionDb(d1.withSession("first-unconstrained"));
}

class SessionDatabase implements D1Database {
  readonly #session: D1DatabaseSession;

  constructor(session: D1DatabaseSession) {
    this.#session = session;
  }

  prepare(query: string): D1PreparedStatement {
    return this.#session.prepare(query);
  }

  batch<T = unknown>(statements: D1PreparedStatement[]): Promise<D1Result<T>[]> {
    return this.#session.batch<T>(statements);
  }

  async exec(): Promise<D1ExecResult> {
    throw new Error("A D1 session runs prepared statements only; exec() needs the database binding.");
  }

  async dump(): Promise<ArrayBuffer> {
    throw new Error("A D1 session cannot dump the database; dump() needs the database binding.");
  }

  withSession(): D1DatabaseSession {
    return this.#session;
  }
}
