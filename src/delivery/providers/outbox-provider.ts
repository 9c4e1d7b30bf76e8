import { newToken } from "../../core/tokens";
import { OUTBOX_PROVIDER } from "./names";
import type { EmailMessage, EmailProvider, SendContext, SendOutcome, SmsMessage, SmsProvider } from "./types";

/**
 * Keeps the rendered message in D1 instead of sending it: the local default, and always the provider
 * for test keys. Readable through GET /v1/autodoc/outbox and, in development, /dev/outbox. It writes
 * nothing itself: its answer carries the message (`stored`), which the consumer writes in the batch that
 * mirrors the send.
 */
export class OutboxProvider implements EmailProvider, SmsProvider {
  readonly name = OUTBOX_PROVIDER;
  readonly #messageId: () => string;

  /** `messageId`: the id a message gets; a repair renders again under the id the SendGate recorded. */
  constructor(messageId: () => string = () => newToken("msg")) {
    this.#messageId = messageId;
  }

  async sendEmail(message: EmailMessage, context: SendContext): Promise<SendOutcome> {
    return this.#store(context, "email", message.to, {
      fromAddress: message.from,
      replyTo: message.replyTo,
      subject: message.subject,
      html: message.html,
      text: message.text,
    });
  }

  async sendSms(message: SmsMessage, context: SendContext): Promise<SendOutcome> {
    return this.#store(context, "sms", message.to, { text: message.text });
  }

  #store(
    context: SendContext,
    channel: "email" | "sms",
    to: string,
    content: { fromAddress?: string; replyTo?: string | null; subject?: string; html?: string; text: string },
  ): SendOutcome {
    const id = this.#messageId();
    const stored = {
      id,
      organizationId: context.organizationId,
      livemode: context.livemode,
      invitationToken: context.invitationToken,
      attempt: context.attempt,
      channel,
      toAddress: to,
      createdAt: new Date(),
      ...content,
    };
    return { ok: true, provider: this.name, providerMessageId: id, stored };
  }
}
