// What test-node/setup/worker.ts hands to the tests: `inject("apiBase")`, `inject("adminToken")`.
export {};

declare module "vitest" {
  export interface ProvidedContext {
    /** The Worker's base URL, e.g. http://127.0.0.1:41234 (no trailing slash). */
    apiBase: string;
    /** The operator token of this run (random), for the /admin API. */
    adminToken: string;
  }
}
