import { parseMailbox } from "./mailbox";
import { CLOUDFLARE_EMAIL_PROVIDER } from "./names";
import type { EmailMessage, EmailProvider, SendContext, SendOutcome } from "./types";

/** The message shape of the Email Service `send_email` binding's structured `send()`. */
export interface CloudflareEmailMessage {
  to: string | string[];
  /** The runtime's `EmailAddress` requires `name`; a sender without one is passed as a plain string. */
  from: string | { email: string; name: string };
  subject: string;
  html?: string;
  text?: string;
  replyTo?: string;
  headers?: Record<string, string>;
}

/**
 * The part of the `send_email` binding (`SendEmail` in worker-configuration.d.ts) we use. It throws an Error
 * with a `code` (`E_RECIPIENT_SUPPRESSED`, `E_RATE_LIMIT_EXCEEDED`, …) when it does not accept the message.
 */
export interface CloudflareEmailBinding {
  send(message: CloudflareEmailMessage): Promise<{ messageId: string }>;
}

/** Options for {@link CloudflareEmailProvider}. */
export interface CloudflareEmailProviderOptions {
  binding: CloudflareEmailBinding;
}

// The message or recipient is at fault; the same call can never succeed. E_RECIPIENT_NOT_ALLOWED comes from
// the binding's allowed destinations, a deliberate restriction rather than an outage.
const PERMANENT = new Set([
  "E_VALIDATION_ERROR",
  "E_FIELD_MISSING",
  "E_TOO_MANY_RECIPIENTS",
  "E_RECIPIENT_NOT_ALLOWED",
  "E_RECIPIENT_SUPPRESSED",
  "E_CONTENT_TOO_LARGE",
  "E_HEADER_NOT_ALLOWED",
  "E_HEADER_USE_API_FIELD",
  "E_HEADER_VALUE_INVALID",
  "E_HEADER_VALUE_TOO_LONG",
  "E_HEADER_NAME_INVALID",
  "E_HEADERS_TOO_LARGE",
  "E_HEADERS_TOO_MANY",
]);

// Everything else is retried, including codes we do not know. The sender-domain errors are our
// misconfiguration: messages wait in the queue until an operator fixes it, and dead-letter after the queue's
// retries if nobody does. E_DELIVERY_FAILED does not say whether the failure was hard; a hard bounce puts the
// recipient on the suppression list, so the retry then ends as a permanent E_RECIPIENT_SUPPRESSED.

/**
 * Sends e-mail through Cloudflare Email Service's Workers binding. The binding has no idempotency key: an
 * exception after Cloudflare accepted the message (rare: the call is in-process) can lead to a second e-mail.
 */
export class CloudflareEmailProvider implements EmailProvider {
  readonly name = CLOUDFLARE_EMAIL_PROVIDER;
  readonly #binding: CloudflareEmailBinding;

  constructor(options: CloudflareEmailProviderOptions) {
    this.#binding = options.binding;
  }

  // The context goes unused: its key has nowhere to go, the binding takes no idempotency key.
  async sendEmail(message: EmailMessage, _context: SendContext): Promise<SendOutcome> {
    const sender = parseMailbox(message.from);
    if (sender === null) {
      // Built from our configuration on every attempt, so a fix applies to the retry.
      return this.#failed(
        "transient",
        `Cloudflare Email: cannot parse the sender ${JSON.stringify(message.from)}`,
      );
    }
    const request: CloudflareEmailMessage = {
      to: message.to,
      from: sender.name === undefined ? sender.email : { email: sender.email, name: sender.name },
      subject: message.subject,
      html: message.html,
      text: message.text,
      ...(message.replyTo === null ? {} : { replyTo: message.replyTo }),
    };
    try {
      const { messageId } = await this.#binding.send(request);
      return { ok: true, provider: this.name, providerMessageId: messageId };
    } catch (error) {
      const code = errorCode(error);
      const detail = error instanceof Error ? error.message : String(error);
      const kind = code !== null && PERMANENT.has(code) ? "permanent" : "transient";
      return this.#failed(kind, `Cloudflare Email ${code ?? "error"}: ${detail}`);
    }
  }

  #failed(kind: "permanent" | "transient", reason: string): SendOutcome {
    return { ok: false, kind, provider: this.name, reason };
  }
}

function errorCode(error: unknown): string | null {
  if (typeof error !== "object" || error === null || !("code" in error)) return null;
  return typeof error.code === "string" ? error.code : null;
}
