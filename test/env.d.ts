declare namespace Cloudflare {
  interface Env {
    TEST_MIGRATIONS: import("cloudflare:test").D1Migration[];
    /** A fast-check seed that replays the fuzz suite's random cases; empty for a fresh one. */
    FUZZ_SEED: string;
    /** Random fuzz cases per write endpoint; empty for the suite's default. */
    FUZZ_CASES: string;
  }
}

declare namespace Cloudflare {
  interface GlobalProps {
    mainModule: typeof import("../src/index");
  }
}
