// Settings wrangler.toml leaves out on purpose, so that `wrangler types` cannot list them: absent in
// production, set only where they are needed (`npm run bench`, tests).
interface Env {
  /** "on": every API and link response reports its D1 round trips and rows in `Server-Timing`. */
  D1_METRICS?: string;
  /** Where the Resend adapter sends (default https://api.resend.com): a local fake in the bench. */
  RESEND_API_BASE_URL?: string;
  /** Where the Twilio adapter sends (default https://api.twilio.com). */
  TWILIO_API_BASE_URL?: string;
  /** Resends per organization and minute instead of the 20 of AutoDoc's resend reference (the bench raises it). */
  ORG_RESENDS_PER_MINUTE?: string;
}
