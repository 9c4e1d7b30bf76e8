import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import { unstable_readConfig } from "wrangler";

// The production migrations are read here (in Node) and applied inside workerd by test/setup/apply-migrations.ts.
const migrations = await readD1Migrations(path.join(import.meta.dirname, "migrations"));

// wrangler.toml's [alias] (the Worker's zod, src/zod-lean.ts), so that the tests run the modules that ship. Each
// maps the exact name only, as wrangler's does (its subpaths, e.g. "zod/v4", stay the package's).
const aliases = Object.entries<string>(unstable_readConfig({ config: "./wrangler.toml" }).alias ?? {}).map(
  ([name, target]) => ({
    find: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}$`),
    replacement: path.resolve(import.meta.dirname, target),
  }),
);

/** The workerd tier: the Worker inside workerd with real D1, Queues, Durable Objects and rate limits. */
const integration = {
  plugins: [
    cloudflareTest({
      wrangler: { configPath: "./wrangler.toml" },
      miniflare: {
        bindings: {
          TEST_MIGRATIONS: migrations,
          ADMIN_TOKEN: "test-admin-token",
          // Helpers wait for each request's work after the response; the history's 1 s window would add a
          // second to every sequence of calls.
          REQUEST_HISTORY_FLUSH_MS: "20",
          // `FUZZ_SEED=<seed> npx vitest run test/reliability` replays the fuzz suite's random cases.
          FUZZ_SEED: process.env.FUZZ_SEED ?? "",
          // Random cases per write endpoint (on top of every boundary case); `FUZZ_CASES=5000` for a deep run.
          FUZZ_CASES: process.env.FUZZ_CASES ?? "",
          SECRETS_KEY: "q8a0b1c2d3e4f5061728394a5b6c7d8e9f0a1b2c3d4=",
          // Live mode sends through the real provider adapters, to fakes of their APIs (test/setup/network.ts).
          EMAIL_PROVIDER: "resend",
          SMS_PROVIDER: "twilio",
          RESEND_API_KEY: "re_test_0123456789abcdef",
          RESEND_WEBHOOK_SECRET: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
          TWILIO_ACCOUNT_SID: "ACa0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5",
          TWILIO_AUTH_TOKEN: "12345678901234567890123456789012",
          TWILIO_FROM: "+15005550006",
          PUBLIC_API_ORIGIN: "https://api.auto-doc.test",
          ENVIRONMENT: "test",
          START_ORIGIN: "https://start.auto-doc.test",
          VISITOR_APP_URL: "https://app.auto-doc.test/start",
          SHORT_LINK_ORIGIN: "https://link.auto-doc.test",
          // JwtAuth against a JWKS endpoint that test/helpers/jwt-keys.ts serves at the network boundary.
          JWT_JWKS: "https://idp.auto-doc.test/.well-known/jwks.json",
          JWT_ISSUER: "https://idp.auto-doc.test/",
          JWT_AUDIENCE: "https://api.auto-doc.test",
        },
        // The real local queue delivers to the Worker's consumer; a short batch window keeps end-to-end tests quick.
        queueConsumers: {
          deliveries: { maxBatchTimeout: 0.05 },
          webhooks: { maxBatchTimeout: 0.05 },
          "link-visits": { maxBatchTimeout: 0.05 },
        },
      },
    }),
  ],
  resolve: { alias: aliases },
  test: {
    name: "integration",
    setupFiles: ["./test/setup/apply-migrations.ts", "./test/setup/network.ts"],
    include: ["test/**/*.test.ts"],
    exclude: ["test/**/*.unit.test.ts"],
    // One runtime per worker for all its files (see docs/testing.md): per-file isolates cost more than the tests.
    isolate: false,
  },
};

/** Pure functions in plain Node: no workerd, no bindings, no migrations. The seconds-long loop. */
const unit = {
  resolve: { alias: aliases },
  test: {
    name: "unit",
    include: ["test/**/*.unit.test.ts"],
    environment: "node" as const,
    setupFiles: ["./test/setup/workerd-crypto.ts"],
  },
};

/** The official SDK tier: the Worker served on a local port by wrangler, driven over HTTP from Node. */
const node = {
  test: {
    name: "node",
    include: ["test-node/**/*.test.ts"],
    globalSetup: ["./test-node/setup/worker.ts"],
    setupFiles: ["./test/setup/workerd-crypto.ts"],
    environment: "node" as const,
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
};

export default defineConfig({
  test: {
    projects: [unit, integration, node],
    // Vitest's default is one worker on a 2-core machine; the runtime waits on I/O often enough for two.
    maxWorkers: 2,
  },
});
