import { env, exports } from "cloudflare:workers";
import { Webhook } from "standardwebhooks";
import { computeTwilioSignature } from "../../src/webhooks/twilio-signature";
import { API } from "./api";

/**
 * Resend signs its webhooks with Svix, which is the Standard Webhooks scheme under `svix-*` header names;
 * the `standardwebhooks` package computes that signature, as Resend's SDK does.
 */
export async function postResendEvent(
  payload: Record<string, unknown>,
  options: { id?: string; at?: Date; secret?: string; signature?: string } = {},
) {
  const body = JSON.stringify(payload);
  const id = options.id ?? `msg_${crypto.randomUUID().replaceAll("-", "")}`;
  const at = options.at ?? new Date();
  const signature =
    options.signature ?? new Webhook(options.secret ?? env.RESEND_WEBHOOK_SECRET).sign(id, at, body);
  return exports.default.fetch(`${API}/webhooks/resend`, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      "svix-id": id,
      "svix-timestamp": String(Math.floor(at.getTime() / 1000)),
      "svix-signature": signature,
    },
    body,
  });
}

export function resendEvent(type: string, emailId: string, extra: Record<string, unknown> = {}) {
  return {
    type,
    created_at: new Date().toISOString(),
    data: { email_id: emailId, to: ["x@example.com"], ...extra },
  };
}

/** A Twilio status callback, signed over our public URL and the sorted parameters as Twilio does. */
export async function postTwilioCallback(
  params: Record<string, string>,
  options: { signature?: string } = {},
) {
  const publicUrl = `${env.PUBLIC_API_ORIGIN}/webhooks/twilio`;
  const signature =
    options.signature ?? (await computeTwilioSignature(env.TWILIO_AUTH_TOKEN, publicUrl, params));
  return exports.default.fetch(`${API}/webhooks/twilio`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": signature },
    body: new URLSearchParams(params).toString(),
  });
}

/** The provider message id our send of an invitation got (from the sends table). */
export async function providerMessageId(token: string, attempt = 1): Promise<string> {
  const row = await env.DB.prepare(
    "select provider_message_id as id from sends where invitation_token = ? and attempt = ?",
  )
    .bind(token, attempt)
    .first<{ id: string }>();
  if (!row?.id) throw new Error(`no provider message id for ${token}`);
  return row.id;
}
