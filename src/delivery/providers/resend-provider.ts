import { kindForStatus, readJsonObject, requestFailure } from "./http-response";
import { RESEND_PROVIDER } from "./names";
import type { EmailMessage, EmailProvider, SendContext, SendOutcome } from "./types";

/** Options for {@link ResendProvider}. */
export interface ResendProviderOptions {
  apiKey: string;
  /** The network boundary; tests pass a fake. Defaults to the global `fetch`. */
  fetch?: typeof fetch;
  /** Defaults to `https://api.resend.com`. */
  baseUrl?: string;
}

const TIMEOUT_MS = 10_000;

// Problems with the message or its recipient: the same request can never succeed, so it is not retried.
// `invalid_idempotent_request` means Resend already accepted a different body under this key; a retry with
// the key fails the same way for 24 hours and the earlier send stands. `security_error` (451) is about content.
const PERMANENT = new Set([
  "validation_error",
  "missing_required_field",
  "invalid_parameter",
  "invalid_attachment",
  "invalid_idempotency_key",
  "invalid_idempotent_request",
  "security_error",
]);

// Problems on our side of the account (key, sending domain, endpoint). They affect every message alike, so
// they are transient: messages wait in the queue until an operator fixes the setting (the `from` is built
// afresh on every attempt) and dead-letter after the queue's retries if nobody does.
const MISCONFIGURED = new Set([
  "missing_api_key",
  "invalid_api_key",
  "restricted_api_key",
  "invalid_from_address",
  "not_found",
  "method_not_allowed",
]);

const TRANSIENT = new Set([
  "rate_limit_exceeded",
  "daily_quota_exceeded",
  "monthly_quota_exceeded",
  "concurrent_idempotent_requests",
  "application_error",
  "internal_server_error",
]);

/** Sends e-mail through Resend's REST API (`POST /emails`), idempotent per `<invitation token>:<attempt>`. */
export class ResendProvider implements EmailProvider {
  readonly name = RESEND_PROVIDER;
  readonly #apiKey: string;
  readonly #fetch: typeof fetch;
  readonly #baseUrl: string;

  constructor(options: ResendProviderOptions) {
    this.#apiKey = options.apiKey;
    // A wrapper rather than the bare global: workerd rejects `fetch` called with another `this`.
    this.#fetch = options.fetch ?? ((input, init) => fetch(input, init));
    this.#baseUrl = (options.baseUrl ?? "https://api.resend.com").replace(/\/+$/, "");
  }

  async sendEmail(message: EmailMessage, context: SendContext): Promise<SendOutcome> {
    const body = {
      from: message.from,
      to: [message.to],
      subject: message.subject,
      html: message.html,
      text: message.text,
      ...(message.replyTo === null ? {} : { reply_to: message.replyTo }),
    };
    let response: Response;
    try {
      response = await this.#fetch(`${this.#baseUrl}/emails`, {
        method: "POST",
        headers: {
          Authorization: `Bearer ${this.#apiKey}`,
          "Content-Type": "application/json",
          "Idempotency-Key": context.key,
        },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      return this.#failed("transient", requestFailure("Resend", error, TIMEOUT_MS));
    }
    const payload = await readJsonObject(response);
    if (response.ok) {
      const id = payload?.id;
      if (typeof id === "string" && id !== "") {
        return { ok: true, provider: this.name, providerMessageId: id };
      }
      // Resend may well have sent it; retrying is safe because the Idempotency-Key replays the first answer.
      return this.#failed("transient", `Resend HTTP ${response.status} without an email id`);
    }
    const name = typeof payload?.name === "string" ? payload.name : null;
    if (name === null) return this.#failed(kindForStatus(response.status), `Resend HTTP ${response.status}`);
    const detail = typeof payload?.message === "string" ? payload.message : "(no message)";
    return this.#failed(kindFor(name, response.status), `Resend ${name}: ${detail}`);
  }

  #failed(kind: "permanent" | "transient", reason: string): SendOutcome {
    return { ok: false, kind, provider: this.name, reason };
  }
}

function kindFor(name: string, status: number): "permanent" | "transient" {
  // A 403 validation_error is about the account, not the message: the sending domain is not verified, or the
  // account may only send test e-mails to its owner.
  if (name === "validation_error" && status === 403) return "transient";
  if (PERMANENT.has(name)) return "permanent";
  if (MISCONFIGURED.has(name) || TRANSIENT.has(name)) return "transient";
  return kindForStatus(status);
}
