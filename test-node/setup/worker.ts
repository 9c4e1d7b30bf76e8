/// <reference path="./context.d.ts" />
// globalSetup of the Node tier (vitest.node.config.ts): boots the Worker once for the whole run with wrangler's
// programmatic dev server (`unstable_startWorker`, what `wrangler dev` runs on), on a free port of 127.0.0.1, with
// a throwaway persistence directory under os.tmpdir(). D1, Queues (with their consumers), the Durable Objects and
// the rate limiter run locally in Miniflare, as under `npm run dev`. Tests get the base URL and the admin token
// through `inject("apiBase")` / `inject("adminToken")`.
import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { unstable_splitSqlQuery, unstable_startWorker } from "wrangler";

type Worker = Awaited<ReturnType<typeof unstable_startWorker>>;

const ROOT = path.resolve(import.meta.dirname, "../..");
const HOST = "127.0.0.1";
const HEALTH_DEADLINE_MS = 90_000;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // Wrangler stays quiet (warnings and errors only), offline (no Request.cf download, no metrics) and out of the
  // developer's home directory (no log files). Whatever the caller set explicitly wins, e.g. WRANGLER_LOG=log.
  process.env.WRANGLER_LOG ??= "warn";
  process.env.WRANGLER_SEND_METRICS ??= "false";
  process.env.WRANGLER_WRITE_LOGS ??= "false";
  process.env.CLOUDFLARE_CF_FETCH_ENABLED ??= "false";

  const started = Date.now();
  const dir = mkdtempSync(path.join(tmpdir(), "edge-invitations-node-"));
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  // Backstop: if the process ends without the teardown (a crash), the directory still goes.
  process.once("exit", removeDir);

  let worker: Worker | undefined;
  const teardown = async () => {
    try {
      await worker?.dispose(); // stops workerd and the proxy
    } finally {
      worker = undefined;
      removeDir();
      process.off("exit", removeDir);
    }
  };

  try {
    const port = await freePort();
    const apiBase = `http://${HOST}:${port}`;
    const adminToken = randomBytes(24).toString("base64url");
    // An empty env file instead of the developer's .dev.vars: only the values below reach the Worker.
    const envFile = path.join(dir, "empty.env");
    writeFileSync(envFile, "");

    const vars: Record<string, string> = {
      ENVIRONMENT: "test",
      START_ORIGIN: `http://start.localhost:${port}`,
      PUBLIC_API_ORIGIN: apiBase,
      EMAIL_PROVIDER: "outbox",
      SMS_PROVIDER: "outbox",
    };
    const secrets: Record<string, string> = {
      ADMIN_TOKEN: adminToken,
      SECRETS_KEY: randomBytes(32).toString("base64"),
    };

    worker = await unstable_startWorker({
      config: path.join(ROOT, "wrangler.toml"),
      envFiles: [envFile],
      bindings: {
        ...Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, { type: "plain_text", value: v }])),
        ...Object.fromEntries(
          Object.entries(secrets).map(([k, v]) => [k, { type: "secret_text", value: v }]),
        ),
      },
      dev: {
        server: { hostname: HOST, port },
        persist: path.join(dir, "state"),
        inspector: false,
        watch: false,
        liveReload: false,
        remote: false,
      },
    });
    await worker.ready;
    await waitForHealth(apiBase);
    await applyMigrations(worker);

    project.provide("apiBase", apiBase);
    project.provide("adminToken", adminToken);
    console.log(`[test-node] Worker ready on ${apiBase} in ${Date.now() - started} ms (state in ${dir})`);
  } catch (error) {
    await teardown();
    throw error;
  }
  return teardown;
}

/** A port that was free on 127.0.0.1 a moment ago (wrangler binds it right after). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error("no free port"))));
    });
  });
}

async function waitForHealth(apiBase: string): Promise<void> {
  const deadline = Date.now() + HEALTH_DEADLINE_MS;
  let last = "no answer";
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${apiBase}/healthz`, { signal: AbortSignal.timeout(5_000) });
      if (res.status === 200) return;
      last = `HTTP ${res.status}: ${(await res.text()).slice(0, 200)}`;
    } catch (error) {
      last = String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(
    `The Worker did not answer GET ${apiBase}/healthz with 200 (last: ${last}); see wrangler's output above.`,
  );
}

/**
 * Applies migrations/*.sql to the fresh local D1 database, in name order, through the running Miniflare's D1 API
 * (in process: `wrangler d1 migrations apply --local` as a child process costs ~6 s more here). Each one is
 * recorded in d1_migrations as wrangler does, so `wrangler d1 migrations list --local --persist-to` agrees.
 * Runs before the URL is handed to any test.
 */
async function applyMigrations(worker: Worker): Promise<void> {
  const mf = worker.raw.runtimes.find((runtime) => runtime.mf !== undefined)?.mf;
  if (!mf)
    throw new Error("wrangler's local runtime (Miniflare) is not available to apply the D1 migrations");
  const db = await mf.getD1Database("DB", worker.config.name);
  await db
    .prepare(
      "CREATE TABLE IF NOT EXISTS d1_migrations (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT UNIQUE, applied_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP)",
    )
    .run();
  const dir = path.join(ROOT, "migrations");
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
