import { env, exports } from "cloudflare:workers";
import { Webhook } from "standardwebhooks";
import { computeTwilioSignature, type TwilioParams } from "../../src/webhooks/twilio-signature";
import { API, createInvitation, type Tenant } from "./api";
import { withDeliveryHandedOver } from "./queue";

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

/** The URL Twilio signs for a status callback: our public origin and the callback's path. */
export const TWILIO_CALLBACK_URL = `${env.PUBLIC_API_ORIGIN}/webhooks/twilio`;

/** A form body as Twilio encodes it; a repeated name is sent once per value. */
export function twilioForm(params: TwilioParams): string {
  const form = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    for (const item of typeof value === "string" ? [value] : value) form.append(name, item);
  }
  return form.toString();
}

/**
 * A Twilio status callback, signed over our public URL and the sorted parameters as Twilio does. `body`
 * and `headers` replace what is sent (the signature still covers `params`), to send what Twilio would not.
 */
export async function postTwilioCallback(
  params: TwilioParams,
  options: { signature?: string; body?: string | Uint8Array; headers?: Record<string, string> } = {},
) {
  const signature =
    options.signature ?? (await computeTwilioSignature(env.TWILIO_AUTH_TOKEN, TWILIO_CALLBACK_URL, params));
  return exports.default.fetch(`${API}/webhooks/twilio`, {
    method: "POST",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      "X-Twilio-Signature": signature,
      ...options.headers,
    },
    body: options.body ?? twilioForm(params),
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

/** A live invitation of the tenant that a provider accepted, with the provider's message id. */
export async function sentLive(tenant: Tenant, channel: "email" | "sms" = "email") {
  const recipient = channel === "email" ? `events-${crypto.randomUUID()}@example.com` : "+15551230000";
  const invitation = await withDeliveryHandedOver(() =>
    createInvitation(tenant.liveKey, { workflowToken: tenant.workflowToken, channel, recipient }),
  );
  return { invitation, messageId: await providerMessageId(invitation.token) };
}
