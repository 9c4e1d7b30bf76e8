// Settings wrangler.toml leaves out on purpose, so that `wrangler types` cannot list them: absent in
// production, set only where they are needed (`npm run bench`, tests).
interface Env {
  /**
   * "on": the metering (src/metering/): every invocation's bindings count into the isolate's tally
   * (`/dev/metering`), and every response reports its D1 round trips and rows in `Server-Timing`.
   */
  D1_METRICS?: string;
  /**
   * "primary=<ms>,replica=<ms>": the metering, and every D1 round trip waits first: one that reaches the
   * primary `primary` ms, a session read a replica may serve `replica` ms (the bench's edge figures).
   */
  D1_SIMULATED_LATENCY?: string;
  /** Where the Resend adapter sends (default https://api.resend.com): a local fake in the bench. */
  RESEND_API_BASE_URL?: string;
  /** Where the Twilio adapter sends (default https://api.twilio.com). */
  TWILIO_API_BASE_URL?: string;
  /** Resends per organization and minute instead of the 20 of AutoDoc's resend reference (the bench raises it). */
  ORG_RESENDS_PER_MINUTE?: string;
  /** "off": requests are not recorded in the request history (its reads still answer). The bench compares. */
  REQUEST_HISTORY_RECORDING?: string;
  /** Fewer entries than the 10,000 a request history keeps (tests of the cap); never more. */
  REQUEST_HISTORY_MAX_ENTRIES?: string;
  /** Tests only: a shorter flush window than the 1 s default (src/request-history/recorder.ts). */
  REQUEST_HISTORY_FLUSH_MS?: string;
}
