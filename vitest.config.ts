import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import { providerVectors } from "./test/vectors/provider-vectors";

// The production migrations are read here (in Node) and applied inside workerd by test/setup/apply-migrations.ts.
const migrations = await readD1Migrations(path.join(import.meta.dirname, "migrations"));

export default defineConfig({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: "./wrangler.toml" },
      miniflare: {
        bindings: {
          TEST_MIGRATIONS: migrations,
          PROVIDER_VECTORS: JSON.stringify(await providerVectors()),
          ADMIN_TOKEN: "test-admin-token",
          ENVIRONMENT: "test",
          START_ORIGIN: "https://start.auto-doc.test",
          VISITOR_APP_URL: "https://app.auto-doc.test/start",
          // JwtAuth against a JWKS endpoint that test/helpers/jwt-keys.ts serves at the network boundary.
          JWT_JWKS: "https://idp.auto-doc.test/.well-known/jwks.json",
          JWT_ISSUER: "https://idp.auto-doc.test/",
          JWT_AUDIENCE: "https://api.auto-doc.test",
        },
        // The real local queue delivers to the Worker's consumer; a short batch window keeps end-to-end tests quick.
        queueConsumers: { deliveries: { maxBatchTimeout: 0.05 } },
      },
    }),
  ],
  test: {
    setupFiles: ["./test/setup/apply-migrations.ts"],
    include: ["test/**/*.test.ts"],
  },
});
