import { z } from "zod";
import { createDb } from "../../db/client";
import { CLOUDFLARE_EMAIL_PROVIDER } from "../../delivery/providers/names";
import { applyProviderEvent, type ProviderEventKind } from "../../invitations/record-provider-event";
import { log } from "../../log";
import { eventTime } from "./event-time";

/** Email Sending events as Cloudflare publishes them to a queue (event schema version 1). */
const EmailSendingEvent = z.object({
  type: z.string(),
  payload: z.object({
    eventId: z.string(),
    messageId: z.string(),
    delivery: z.object({ status: z.string(), smtpResponse: z.string().optional() }).optional(),
    bounce: z.object({ type: z.string(), reason: z.string().optional() }).optional(),
    failure: z.object({ reason: z.string() }).optional(),
    rejection: z.object({ reason: z.string(), detail: z.string().optional() }).optional(),
    complaint: z.object({ type: z.string() }).optional(),
  }),
  metadata: z.object({ eventTimestamp: z.string().optional() }).optional(),
});
type EmailSendingEvent = z.infer<typeof EmailSendingEvent>;

const KINDS: Record<string, ProviderEventKind> = {
  "cf.email.sending.message.delivered": "delivered",
  "cf.email.sending.message.deferred": "delayed",
  "cf.email.sending.message.bounced": "bounced",
  "cf.email.sending.message.failed": "failed",
  "cf.email.sending.message.rejected": "failed",
  "cf.email.sending.message.complained": "complained",
};

function reasonOf(event: EmailSendingEvent): string | undefined {
  const { payload } = event;
  if (payload.bounce)
    return `Bounced (${payload.bounce.type}): ${payload.bounce.reason ?? payload.delivery?.smtpResponse ?? "no reason given"}`;
  if (payload.rejection) return `Rejected: ${payload.rejection.detail ?? payload.rejection.reason}`;
  if (payload.failure) return `Delivery failed: ${payload.failure.reason}`;
  return undefined;
}

/** The `email-events` consumer: Cloudflare Email Service delivery events move invitations forward. */
export async function consumeEmailEvents(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const ctx = { env, db: createDb(env.DB) };
  for (const message of batch.messages) {
    const parsed = EmailSendingEvent.safeParse(message.body);
    const kind = parsed.success ? KINDS[parsed.data.type] : undefined;
    if (!parsed.success || !kind) {
      log("warn", "email_event_ignored", { id: message.id });
      message.ack();
      continue;
    }
    const event = parsed.data;
    try {
      const reason = reasonOf(event);
      await applyProviderEvent(ctx, {
        provider: CLOUDFLARE_EMAIL_PROVIDER,
        providerMessageId: event.payload.messageId,
        eventId: event.payload.eventId,
        kind,
        at: eventTime(event.metadata?.eventTimestamp, message.timestamp),
        ...(reason ? { reason } : {}),
      });
      message.ack();
    } catch (error) {
      log("error", "email_event_failed", { id: message.id, error: String(error) });
      message.retry({ delaySeconds: 30 });
    }
  }
}
