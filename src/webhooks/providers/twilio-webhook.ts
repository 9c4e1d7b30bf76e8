import type { Context } from "hono";
import { TWILIO_PROVIDER } from "../../delivery/providers/names";
import type { AppEnv } from "../../env";
import { ApiError } from "../../http/errors";
import { verifyTwilioSignature } from "../twilio-signature";
import { applyProviderEvent, type ProviderEventKind } from "./provider-events";

const KINDS: Record<string, ProviderEventKind> = {
  sent: "sent",
  delivered: "delivered",
  read: "opened",
  undelivered: "failed",
  failed: "failed",
};

/**
 * `POST /webhooks/twilio`: Twilio's message status callbacks. Twilio signs the exact URL it called (our
 * public origin, this path and its query) followed by the sorted form parameters.
 */
export async function handleTwilioWebhook(c: Context<AppEnv>): Promise<Response> {
  const authToken = c.env.TWILIO_AUTH_TOKEN;
  if (!authToken) throw new ApiError("not_found", "Twilio callbacks are not configured on this deployment.");
  const form = await c.req.parseBody({ all: true });
  const params: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(form)) {
    const values = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === "string");
    params[name] = values.length === 1 ? (values[0] ?? "") : values;
  }
  const requested = new URL(c.req.url);
  const url = `${c.env.PUBLIC_API_ORIGIN.replace(/\/$/, "")}${requested.pathname}${requested.search}`;
  if (!(await verifyTwilioSignature(authToken, url, params, c.req.header("X-Twilio-Signature") ?? null))) {
    throw new ApiError("unauthorized", "Webhook signature refused.");
  }
  const single = (name: string) => (typeof params[name] === "string" ? (params[name] as string) : undefined);
  const sid = single("MessageSid");
  const status = single("MessageStatus");
  const kind = status ? KINDS[status] : undefined;
  if (!sid || !status || !kind) return c.body(null, 204);
  const errorCode = single("ErrorCode");
  await applyProviderEvent(c.env, c.var.db, {
    provider: TWILIO_PROVIDER,
    providerMessageId: sid,
    // Twilio retries a callback with the same idempotency token; without one, sid + status is the event.
    eventId: c.req.header("I-Twilio-Idempotency-Token") ?? `${sid}:${status}`,
    kind,
    at: new Date(),
    ...(kind === "failed" ? { reason: `Twilio ${status}${errorCode ? ` (error ${errorCode})` : ""}` } : {}),
    detail: { status, ...(errorCode ? { errorCode } : {}) },
  });
  return c.body(null, 204);
}
