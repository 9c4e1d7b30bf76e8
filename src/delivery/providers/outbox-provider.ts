import { newToken } from "../../core/tokens";
import type { Database } from "../../db/client";
import { storeOutboxMessage } from "../../db/outbox-repo";
import type { EmailMessage, EmailProvider, SendContext, SendOutcome, SmsMessage, SmsProvider } from "./types";

/**
 * Keeps the rendered message in D1 instead of sending it: the local default, and always the provider
 * for test keys. Readable through GET /v1/autodoc/outbox and, in development, /dev/outbox.
 */
export class OutboxProvider implements EmailProvider, SmsProvider {
  readonly name = "outbox";
  readonly #db: Database;

  constructor(db: Database) {
    this.#db = db;
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

  async #store(
    context: SendContext,
    channel: "email" | "sms",
    to: string,
    content: { fromAddress?: string; replyTo?: string | null; subject?: string; html?: string; text: string },
  ): Promise<SendOutcome> {
    const id = await storeOutboxMessage(this.#db, {
      id: newToken("msg"),
      organizationId: context.organizationId,
      livemode: context.livemode,
      invitationToken: context.invitationToken,
      attempt: context.attempt,
      channel,
      toAddress: to,
      createdAt: new Date(),
      ...content,
    });
    return { ok: true, provider: this.name, providerMessageId: id };
  }
}
