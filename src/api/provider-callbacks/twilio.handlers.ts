import type { Context } from "hono";
import { TWILIO_PROVIDER } from "../../delivery/providers/names";
import type { AppEnv } from "../../env";
import { commitContext } from "../../http/commit-context";
import { ApiError } from "../../http/errors";
import { applyProviderEvent, type ProviderEventKind } from "../../invitations/record-provider-event";
import { parseTwilioForm, verifyTwilioSignature } from "../../webhooks/twilio-signature";

const KINDS: Record<string, ProviderEventKind> = {
  sent: "sent",
  delivered: "delivered",
  read: "opened",
  undelivered: "failed",
  failed: "failed",
};

const FORM = "application/x-www-form-urlencoded";

/** Whether a Content-Type names a URL-encoded form, whatever its parameters (`; charset=utf-8`). */
function isUrlEncodedForm(contentType: string | undefined): boolean {
  return contentType?.split(";", 1)[0]?.trim().toLowerCase() === FORM;
}

/**
 * `POST /webhooks/twilio`: Twilio's message status callbacks, URL-encoded forms. Twilio signs the exact URL
 * it called (our public origin, this path and its query) followed by the sorted form parameters. The raw
 * body is read once and parsed by a parser that cannot fail; nothing is interpreted before the signature
 * holds, so a malformed body is a 4xx, never a 5xx.
 */
export async function handleTwilioWebhook(c: Context<AppEnv>): Promise<Response> {
  const authToken = c.env.TWILIO_AUTH_TOKEN;
  if (!authToken) throw new ApiError("not_found", "Twilio callbacks are not configured on this deployment.");
  if (!isUrlEncodedForm(c.req.header("Content-Type"))) {
    throw new ApiError("validation_error", `Twilio status callbacks are ${FORM} bodies.`);
  }
  const params = parseTwilioForm(await c.req.text());
  const requested = new URL(c.req.url);
  const url = `${c.env.PUBLIC_API_ORIGIN.replace(/\/$/, "")}${requested.pathname}${requested.search}`;
  if (!(await verifyTwilioSignature(authToken, url, params, c.req.header("X-Twilio-Signature") ?? null))) {
    throw new ApiError("unauthorized", "Webhook signature refused.");
  }
  const single = (name: string) => {
    const value = params[name];
    return typeof value === "string" && value !== "" ? value : undefined;
  };
  const sid = single("MessageSid");
  const status = single("MessageStatus");
  const kind = status ? KINDS[status] : undefined;
  if (!sid || !status || !kind) return c.body(null, 204);
  const errorCode = single("ErrorCode");
  await applyProviderEvent(commitContext(c), {
    provider: TWILIO_PROVIDER,
    providerMessageId: sid,
    // Only signed values name the event: I-Twilio-Idempotency-Token is not signed, so a replay could vary it.
    eventId: `${sid}:${status}`,
    kind,
    at: new Date(),
    ...(kind === "failed" ? { reason: `Twilio ${status}${errorCode ? ` (error ${errorCode})` : ""}` } : {}),
    detail: { status, ...(errorCode ? { errorCode } : {}) },
  });
  return c.body(null, 204);
}
