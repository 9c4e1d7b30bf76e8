// What `npm run deploy` ships: wrangler.toml's top-level configuration, with nothing from .dev.vars. These tests
// read it as wrangler resolves it and serve it, so a development value back in [vars] fails here.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unstable_readConfig } from "wrangler";
import { deployPlan } from "../scripts/deploy.ts";
import { syncDevVars } from "../scripts/dev-vars.ts";
import { BENCH_ONLY_SETTINGS } from "../src/config/environment.ts";
import {
  type LocalWorker,
  makeStateDir,
  ROOT,
  removeDirOnExit,
  startLocalWorker,
} from "../tools/local-worker.ts";

const CONFIG = path.join(ROOT, "wrangler.toml");

describe("wrangler.toml's top-level configuration is production", () => {
  it("has production values only: npm run deploy refuses nothing but the placeholder database id", () => {
    const plan = deployPlan(unstable_readConfig({ config: CONFIG }));
    expect(plan.problems).toEqual([
      "D1 binding DB has no database_id: run `wrangler d1 create` and put its id here.",
    ]);
    expect(plan.domains).toEqual(["api.auto-doc.ai", "start.auto-doc.ai", "link.auto-doc.ai"]);
  });

  it("is minified and leaves out the bench's settings (metering, simulated D1 latency)", () => {
    const config = unstable_readConfig({ config: CONFIG });
    expect(config.minify).toBe(true);
    for (const setting of BENCH_ONLY_SETTINGS) expect(Object.keys(config.vars)).not.toContain(setting);
  });

  it("npm run deploy refuses the bench's settings and an unminified bundle", () => {
    const production = unstable_readConfig({ config: CONFIG });
    const plan = deployPlan({
      ...production,
      vars: { ...production.vars, D1_METRICS: "on", D1_SIMULATED_LATENCY: "primary=100,replica=5" },
      minify: false,
    });
    expect(plan.problems).toEqual([
      "D1_METRICS is a bench setting; production leaves it out.",
      "D1_SIMULATED_LATENCY is a bench setting; production leaves it out.",
      "minify is not true: the bundle would ship unminified.",
      "D1 binding DB has no database_id: run `wrangler d1 create` and put its id here.",
    ]);
  });

  it("npm run deploy refuses a development configuration", () => {
    const plan = deployPlan({
      minify: true,
      vars: {
        ENVIRONMENT: "development",
        START_ORIGIN: "http://start.localhost:8787",
        SHORT_LINK_ORIGIN: "https://link.auto-doc.ai",
        PUBLIC_API_ORIGIN: "https://api.auto-doc.ai",
        VISITOR_APP_URL: "http://127.0.0.1:8787/dev/visitor",
      },
      d1_databases: [{ binding: "DB", database_id: "4f1c7a52-6a0e-4d8e-9a49-2b1f0f7d9c11" }],
    });
    expect(plan.problems).toEqual([
      'ENVIRONMENT is "development"; deploy with "production".',
      "START_ORIGIN points at localhost.",
      "VISITOR_APP_URL points at localhost.",
      'START_ORIGIN must be an https origin, not "http://start.localhost:8787".',
    ]);
  });

  // Without provider secrets this Worker logs one config_incomplete error at its first request: expected here.
  describe("served as deployed (no .dev.vars, only the two required secrets)", () => {
    let local: LocalWorker | undefined;
    const dir = makeStateDir("edge-invitations-prod-");
    const removeDir = removeDirOnExit(dir);
    beforeAll(async () => {
      local = await startLocalWorker({
        config: CONFIG,
        dir,
        secrets: {
          ADMIN_TOKEN: "prod-config-test-token",
          SECRETS_KEY: "q8a0b1c2d3e4f5061728394a5b6c7d8e9f0a1b2c3d4=",
        },
      });
    });
    afterAll(async () => {
      await local?.dispose();
      removeDir();
    });

    it("does not serve /dev/outbox, /dev/visitor, the test clock or the metering tally", async () => {
      const base = local?.url ?? "";
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      expect((await fetch(`${base}/dev/outbox`)).status).toBe(404);
      expect((await fetch(`${base}/dev/visitor/wf_x?invitation_token=adi_x`)).status).toBe(404);
      expect((await fetch(`${base}/dev/metering`)).status).toBe(404);
      const rewind = await fetch(`${base}/dev/invitations/adi_x/rewind`, {
        method: "POST",
        headers: { Authorization: "Bearer prod-config-test-token", "Content-Type": "application/json" },
        body: JSON.stringify({ seconds: 181 }),
      });
      expect(rewind.status).toBe(404);
    });
  });
});

describe("npm run dev's .dev.vars", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "edge-invitations-devvars-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const example = path.join(ROOT, ".dev.vars.example");

  it("is created from the example when missing", () => {
    const devVars = path.join(dir, "fresh.dev.vars");
    expect(syncDevVars(example, devVars)).toEqual([]);
    expect(readFileSync(devVars, "utf8")).toBe(readFileSync(example, "utf8"));
  });

  it("gains the keys it lacks and keeps the developer's values", () => {
    // A .dev.vars from before the production defaults: secrets only, one of them changed, no final newline.
    const devVars = path.join(dir, "old.dev.vars");
    writeFileSync(devVars, "ADMIN_TOKEN=my-own-token\nSECRETS_KEY=bXkta2V5\nRESEND_API_KEY=re_mine");
    const added = syncDevVars(example, devVars);
    expect(added).toEqual([
      "ENVIRONMENT",
      "START_ORIGIN",
      "VISITOR_APP_URL",
      "SHORT_LINK_ORIGIN",
      "PUBLIC_API_ORIGIN",
      "EMAIL_PROVIDER",
      "SMS_PROVIDER",
      "RESEND_WEBHOOK_SECRET",
      "TWILIO_ACCOUNT_SID",
      "TWILIO_AUTH_TOKEN",
    ]);
    const text = readFileSync(devVars, "utf8");
    expect(text.startsWith("ADMIN_TOKEN=my-own-token\nSECRETS_KEY=bXkta2V5\nRESEND_API_KEY=re_mine\n")).toBe(
      true,
    );
    expect(text).toContain("\nENVIRONMENT=development\n");
    expect(text.match(/^ADMIN_TOKEN=/gm)).toHaveLength(1);
    // A second run has nothing left to add.
    expect(syncDevVars(example, devVars)).toEqual([]);
    expect(readFileSync(devVars, "utf8")).toBe(text);
  });
});
