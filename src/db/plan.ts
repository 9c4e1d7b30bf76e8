import type { BatchItem } from "drizzle-orm/batch";
import type { Database } from "./client";
import type { RecordedEvent } from "./timeline";

/** One statement of a batch (a drizzle query not yet run). */
export type Statement = BatchItem<"sqlite">;

/** What a write answers once its batch ran: its value, and the webhook events it recorded. */
export interface Written<T> {
  value: T;
  events: RecordedEvent[];
}

/**
 * A write that has not run: its statements, in order, and how to read its value and the events it recorded
 * from their results. Repositories build plans; only `commit()` (src/invitations/commit.ts) runs the ones
 * that record events, as one `db.batch()`, so that a write touching several rows is all or nothing and
 * what it recorded is always published.
 */
export interface Plan<T> {
  statements: Statement[];
  read(results: readonly unknown[]): Written<T>;
}

/** A plan whose value is read from its results; the events are whatever its event inserts returned. */
export function plan<T>(statements: Statement[], read: (results: readonly unknown[]) => Written<T>): Plan<T> {
  return { statements, read };
}

/**
 * Several plans as one batch, in order: each statement sees what the ones before it wrote. Its value is the
 * list of their values, and its events all of theirs.
 */
export function inSequence<T>(plans: Plan<T>[]): Plan<T[]> {
  return {
    statements: plans.flatMap((p) => p.statements),
    read(results) {
      let offset = 0;
      const written = plans.map((p) => {
        const part = results.slice(offset, offset + p.statements.length);
        offset += p.statements.length;
        return p.read(part);
      });
      return { value: written.map((w) => w.value), events: written.flatMap((w) => w.events) };
    },
  };
}

/** Runs a plan's statements as one batch (an empty plan runs nothing) and reads what it wrote. */
export async function runPlan<T>(db: Database, write: Plan<T>): Promise<Written<T>> {
  const [first, ...rest] = write.statements;
  if (!first) return write.read([]);
  return write.read(await db.batch([first, ...rest]));
}

/** A write with nothing to do (the mirror of a gate that recorded nothing, a send that simulates nothing). */
export function nothing(): Plan<void> {
  return { statements: [], read: () => ({ value: undefined, events: [] }) };
}
