import { defineConfig } from "drizzle-kit";

// Generation only: wrangler applies the SQL (locally, in tests and in production), so there is one migrations ledger.
export default defineConfig({
  dialect: "sqlite",
  schema: "./src/db/schema.ts",
  out: "./migrations",
});
