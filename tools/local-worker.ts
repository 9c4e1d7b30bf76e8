// A Worker served locally by wrangler's programmatic dev server (`unstable_startWorker`, what `wrangler dev`
// runs on: workerd, with D1, Queues and their consumers, Durable Objects and rate limiters in Miniflare), on a
// free port of 127.0.0.1, with its state in a throwaway directory. Shared by the Node test tier
// (test-node/setup/worker.ts) and `npm run bench` (bench/); plain Node ESM (type stripping), so imports
// here name their files. What runs inside it (D1, queues, its own address) is in local-runtime.ts.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { unstable_startWorker } from "wrangler";

export type Worker = Awaited<ReturnType<typeof unstable_startWorker>>;

export const ROOT = path.resolve(import.meta.dirname, "..");
const HOST = "127.0.0.1";
const HEALTH_DEADLINE_MS = 90_000;

export interface LocalWorkerOptions {
  /** The Worker's wrangler.toml. */
  config: string;
  vars?: Record<string, string>;
  secrets?: Record<string, string>;
  /** Further bindings in wrangler's input format, e.g. a rate limiter with other limits. */
  bindings?: Record<string, Record<string, unknown>>;
  /** The directory for state and the empty env file; one under os.tmpdir() when left out. */
  dir?: string;
  /** From freePort(), when vars must name the Worker's own origin; a free one when left out. */
  port?: number;
}

export interface LocalWorker {
  url: string;
  port: number;
  worker: Worker;
  dir: string;
  dispose(): Promise<void>;
}

/** Keeps wrangler quiet (warnings and errors), offline and out of the home directory; explicit settings win. */
export function quietWrangler(): void {
  process.env.WRANGLER_LOG ??= "warn";
  process.env.WRANGLER_SEND_METRICS ??= "false";
  process.env.WRANGLER_WRITE_LOGS ??= "false";
  process.env.CLOUDFLARE_CF_FETCH_ENABLED ??= "false";
}

export function makeStateDir(prefix: string): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

/**
 * Starts the Worker and waits until `health.path` answers with `health.status`. On failure, whatever was started is stopped.
 * `dispose()` stops workerd and the proxy; the directory is the caller's to remove.
 */
export async function startLocalWorker(
  options: LocalWorkerOptions,
  health = { path: "/healthz", status: 200 },
): Promise<LocalWorker> {
  const dir = options.dir ?? makeStateDir("edge-invitations-");
  const port = options.port ?? (await freePort());
  const url = `http://${HOST}:${port}`;
  // An empty env file instead of the developer's .dev.vars: only the values given here reach the Worker.
  const envFile = path.join(dir, "empty.env");
  writeFileSync(envFile, "");
  const bindings = {
    ...Object.fromEntries(
      Object.entries(options.vars ?? {}).map(([k, v]) => [k, { type: "plain_text", value: v }]),
    ),
    ...Object.fromEntries(
      Object.entries(options.secrets ?? {}).map(([k, v]) => [k, { type: "secret_text", value: v }]),
    ),
    ...options.bindings,
  };
  const worker = await unstable_startWorker({
    config: options.config,
    envFiles: [envFile],
    bindings,
    dev: {
      server: { hostname: HOST, port },
      persist: path.join(dir, "state"),
      inspector: false,
      watch: false,
      liveReload: false,
      remote: false,
    },
  });
  try {
    await worker.ready;
    await waitForHealth(`${url}${health.path}`, health.status);
  } catch (error) {
    await worker.dispose();
    throw error;
  }
  return { url, port, worker, dir, dispose: () => worker.dispose() };
}

/** Removes a state directory (also right away if the process ends first). */
export function removeDirOnExit(dir: string): () => void {
  const remove = () => rmSync(dir, { recursive: true, force: true });
  process.once("exit", remove);
  return () => {
    remove();
    process.off("exit", remove);
  };
}

/** A port that was free on 127.0.0.1 a moment ago (wrangler binds it right after). */
export function freePort(): Promise<number> {
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

async function waitForHealth(url: string, status: number): Promise<void> {
  const deadline = Date.now() + HEALTH_DEADLINE_MS;
  let last = "no answer";
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5_000), redirect: "manual" });
      if (res.status === status) return;
      last = `HTTP ${res.status}: ${(await res.text()).slice(0, 200)}`;
    } catch (error) {
      last = String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(
    `The Worker did not answer GET ${url} with ${status} (last: ${last}); see wrangler's output above.`,
  );
}
