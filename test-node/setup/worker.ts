/// <reference path="./context.d.ts" />
// globalSetup of the Node tier (the `node` project in vitest.config.ts): boots the Worker once for the whole run with wrangler's
// programmatic dev server (tools/local-worker.ts, shared with `npm run bench`), on a free port of 127.0.0.1,
// with a throwaway persistence directory under os.tmpdir(). D1, Queues (with their consumers), the Durable
// Objects and the rate limiter run locally in Miniflare, as under `npm run dev`. Tests get the base URL and the
// admin token through `inject("apiBase")` / `inject("adminToken")`.
import { randomBytes } from "node:crypto";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { applyMigrations } from "../../tools/local-runtime.ts";
import {
  freePort,
  type LocalWorker,
  makeStateDir,
  quietWrangler,
  ROOT,
  removeDirOnExit,
  startLocalWorker,
} from "../../tools/local-worker.ts";

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  quietWrangler();
  const started = Date.now();
  const dir = makeStateDir("edge-invitations-node-");
  const removeDir = removeDirOnExit(dir);

  let local: LocalWorker | undefined;
  const teardown = async () => {
    try {
      await local?.dispose(); // stops workerd and the proxy
    } finally {
      local = undefined;
      removeDir();
    }
  };

  try {
    const adminToken = randomBytes(24).toString("base64url");
    const port = await freePort();
    local = await startLocalWorker({
      config: path.join(ROOT, "wrangler.toml"),
      dir,
      port,
      vars: {
        ENVIRONMENT: "test",
        START_ORIGIN: `http://start.localhost:${port}`,
        PUBLIC_API_ORIGIN: `http://127.0.0.1:${port}`,
        EMAIL_PROVIDER: "outbox",
        SMS_PROVIDER: "outbox",
      },
      secrets: { ADMIN_TOKEN: adminToken, SECRETS_KEY: randomBytes(32).toString("base64") },
    });
    await applyMigrations(local.worker);

    project.provide("apiBase", local.url);
    project.provide("adminToken", adminToken);
    console.log(`[test-node] Worker ready on ${local.url} in ${Date.now() - started} ms (state in ${dir})`);
  } catch (error) {
    await teardown();
    throw error;
  }
  return teardown;
}
