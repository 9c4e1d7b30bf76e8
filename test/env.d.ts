declare namespace Cloudflare {
  interface Env {
    TEST_MIGRATIONS: import("cloudflare:test").D1Migration[];
    /** JSON from test/vectors/provider-vectors.ts, computed in Node by the providers' libraries. */
    PROVIDER_VECTORS: string;
  }
}

declare namespace Cloudflare {
  interface GlobalProps {
    mainModule: typeof import("../src/index");
  }
}
