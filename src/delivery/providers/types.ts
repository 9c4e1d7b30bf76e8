import type { NewOutboxMessage } from "../../db/outbox-repo";

/** What a provider needs to know about the send besides the message itself. */
export interface SendContext {
  /** `<invitation token>:<attempt>`: the provider's idempotency key where it has one. */
  key: string;
  organizationId: string;
  livemode: boolean;
  invitationToken: string;
  attempt: number;
  /** How many times the queue has handed this message over (1 on the first try). */
  queueAttempt: number;
}

export interface EmailMessage {
  from: string;
  to: string;
  replyTo: string | null;
  subject: string;
  html: string;
  text: string;
}

export interface SmsMessage {
  to: string;
  text: string;
}

/**
 * Permanent failures are never retried; transient ones are retried with backoff, then dead-lettered. A
 * provider that keeps the message itself (the outbox) answers it as `stored`: it is written in the batch that
 * mirrors the send, so that the send and its stored message are one write.
 */
export type SendOutcome =
  | { ok: true; provider: string; providerMessageId: string; stored?: NewOutboxMessage }
  | { ok: false; kind: "permanent" | "transient"; provider: string; reason: string };

export interface EmailProvider {
  readonly name: string;
  sendEmail(message: EmailMessage, context: SendContext): Promise<SendOutcome>;
}

export interface SmsProvider {
  readonly name: string;
  sendSms(message: SmsMessage, context: SendContext): Promise<SendOutcome>;
}
