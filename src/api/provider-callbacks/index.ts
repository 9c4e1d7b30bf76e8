import { Hono } from "hono";
import type { AppEnv } from "../../env";
import { handleResendWebhook } from "./resend.handlers";
import { handleTwilioWebhook } from "./twilio.handlers";

/** Provider callbacks, mounted at /webhooks. Each is authenticated by the provider's own signature. */
export function providerWebhooksRouter() {
  return new Hono<AppEnv>().post("/resend", handleResendWebhook).post("/twilio", handleTwilioWebhook);
}
