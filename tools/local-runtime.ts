// The bindings and the address of a Worker started by local-worker.ts, reached from Node through the Miniflare
// instance wrangler runs it in: seeding and reading D1, enqueueing, migrations.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { unstable_splitSqlQuery } from "wrangler";
import { ROOT, type Worker } from "./local-worker.ts";

/** The part of Miniflare's D1 binding that the scripts use. */
export interface LocalD1 {
  prepare(sql: string): LocalD1Statement;
  batch(statements: LocalD1Statement[]): Promise<unknown[]>;
}
export interface LocalD1Statement {
  bind(...values: unknown[]): LocalD1Statement;
  run(): Promise<unknown>;
  all<T>(): Promise<{ results: T[] }>;
  first<T>(): Promise<T | null>;
}

/** wrangler's local runtime of the Worker. */
function miniflare(worker: Worker) {
  const mf = worker.raw.runtimes.find((runtime) => runtime.mf !== undefined)?.mf;
  if (!mf) throw new Error("wrangler's local runtime (Miniflare) is not available");
  return mf;
}

/** The running Miniflare's D1 binding `DB` of the Worker, for seeding and reading from Node. */
export async function localD1(worker: Worker): Promise<LocalD1> {
  const db: LocalD1 = await miniflare(worker).getD1Database("DB", worker.config.name);
  return db;
}

/** The part of a Miniflare queue producer that the scripts use. */
export interface LocalQueue {
  sendBatch(messages: { body: unknown; contentType?: "json" }[]): Promise<unknown>;
}

/** The running Miniflare's producer of the queue bound as `binding`, to enqueue from Node. */
export async function localQueue(worker: Worker, binding: string): Promise<LocalQueue> {
  const queue: LocalQueue = await miniflare(worker).getQueueProducer(binding, worker.config.name);
  return queue;
}

/**
 * The runtime's own address (Miniflare's entry in workerd), without the hop through wrangler's dev proxy that
 * `url` goes through; a production request has no such hop. It changes when the Worker restarts.
 */
export async function runtimeUrl(worker: Worker): Promise<string> {
  return (await miniflare(worker).ready).origin;
}

/**
 * Applies migrations/*.sql (or those of `dir`) to the fresh local D1 database, in name order, through the running
 * Miniflare's D1 API (in process: `wrangler d1 migrations apply --local` as a child process costs ~6 s more).
 * Each one is recorded in d1_migrations as wrangler does, so `wrangler d1 migrations list --local
 * --persist-to` agrees.
 */
export async function applyMigrations(worker: Worker, dir = path.join(ROOT, "migrations")): Promise<void> {
  const db = await localD1(worker);
  await db
    .prepare(
      "CREATE TABLE IF NOT EXISTS d1_migrations (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT UNIQUE, applied_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP)",
    )
    .run();
  const files = readdirSync(dir)
    .filter((name) => name.endsWith(".sql"))
    .sort();
  for (const file of files) {
    const statements = unstable_splitSqlQuery(readFileSync(path.join(dir, file), "utf8"));
    await db.batch([
      ...statements.map((sql) => db.prepare(sql)),
      db.prepare("INSERT INTO d1_migrations (name) VALUES (?)").bind(file),
    ]);
  }
}

/** Runs the Worker's scheduled handler once for `cron`, as a Cron Trigger would (wrangler's dev server never does). */
export async function runCron(worker: Worker, cron: string): Promise<void> {
  // Miniflare's types lose Fetcher.scheduled(); the object has it.
  const fetcher: unknown = await miniflare(worker).getWorker(worker.config.name);
  const scheduled =
    typeof fetcher === "object" && fetcher !== null ? Reflect.get(fetcher, "scheduled") : null;
  if (typeof scheduled !== "function") throw new Error("Miniflare's worker has no scheduled()");
  await Reflect.apply(scheduled, fetcher, [{ cron }]);
}
