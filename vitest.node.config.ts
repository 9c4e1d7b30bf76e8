import { defineConfig } from "vitest/config";

// The Node tier: tests run in plain Node against the Worker served on a local port by wrangler
// (test-node/setup/worker.ts), so that HTTP clients and official SDKs can be pointed at it. See test-node/README.md.
export default defineConfig({
  test: {
    include: ["test-node/**/*.test.ts"],
    globalSetup: ["./test-node/setup/worker.ts"],
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
