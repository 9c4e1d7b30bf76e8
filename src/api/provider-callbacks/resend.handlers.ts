import type { Context } from "hono";
import { z } from "zod";
import { RESEND_PROVIDER } from "../../delivery/providers/names";
import type { AppEnv } from "../../env";
import { commitContext } from "../../http/commit-context";
import { ApiError } from "../../http/errors";
import { applyProviderEvent, type ProviderEventKind } from "../../invitations/record-provider-event";
import { eventTime } from "../../webhooks/providers/event-time";
import { verifySvixSignature } from "../../webhooks/svix-signature";

const ResendEvent = z.object({
  type: z.string(),
  created_at: z.string().optional(),
  data: z.object({
    email_id: z.string(),
    bounce: z
      .object({ message: z.string().optional(), type: z.string().optional(), subType: z.string().optional() })
      .optional(),
    failed: z.object({ reason: z.string().optional() }).optional(),
  }),
});

const KINDS: Record<string, ProviderEventKind> = {
  "email.sent": "sent",
  "email.delivered": "delivered",
  "email.delivery_delayed": "delayed",
  "email.opened": "opened",
  "email.bounced": "bounced",
  "email.failed": "failed",
  "email.complained": "complained",
};

/** The signed body as JSON: a body Svix signed but that is not JSON is the sender's fault, a 400. */
function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    throw new ApiError("invalid_json", "The signed webhook body is not valid JSON.");
  }
}

/** `POST /webhooks/resend`: Resend's events, signed by Svix; anything unsigned, forged or stale is refused. */
export async function handleResendWebhook(c: Context<AppEnv>): Promise<Response> {
  const secret = c.env.RESEND_WEBHOOK_SECRET;
  if (!secret) throw new ApiError("not_found", "Resend webhooks are not configured on this deployment.");
  const body = await c.req.text();
  const verdict = await verifySvixSignature({
    secret,
    headers: {
      id: c.req.header("svix-id") ?? null,
      timestamp: c.req.header("svix-timestamp") ?? null,
      signature: c.req.header("svix-signature") ?? null,
    },
    body,
  });
  if (!verdict.ok) throw new ApiError("unauthorized", `Webhook signature refused: ${verdict.reason}.`);
  const parsed = ResendEvent.safeParse(parseJson(body));
  const kind = parsed.success ? KINDS[parsed.data.type] : undefined;
  if (!parsed.success || !kind) return c.json({ received: true, ignored: true }, 200);
  const { data } = parsed.data;
  const reason = data.bounce?.message ?? data.failed?.reason;
  const matched = await applyProviderEvent(commitContext(c), {
    provider: RESEND_PROVIDER,
    providerMessageId: data.email_id,
    eventId: c.req.header("svix-id") ?? `${data.email_id}:${parsed.data.type}`,
    kind,
    at: eventTime(parsed.data.created_at, new Date()),
    ...(reason ? { reason: `Resend ${parsed.data.type}: ${reason}` } : {}),
  });
  return c.json({ received: true, matched }, 200);
}
