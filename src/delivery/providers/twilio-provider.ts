import { kindForStatus, readJsonObject, requestFailure } from "./http-response";
import { TWILIO_PROVIDER } from "./names";
import type { SendContext, SendOutcome, SmsMessage, SmsProvider } from "./types";

/** Options for {@link TwilioProvider}. Give `from` or `messagingServiceSid`; the service wins when both are set. */
export interface TwilioProviderOptions {
  accountSid: string;
  authToken: string;
  from?: string;
  messagingServiceSid?: string;
  /** Where Twilio posts the message's status changes (delivered, undelivered, failed, …). */
  statusCallbackUrl: string;
  /** The network boundary; tests pass a fake. Defaults to the global `fetch`. */
  fetch?: typeof fetch;
  /** Defaults to `https://api.twilio.com`. */
  baseUrl?: string;
}

const TIMEOUT_MS = 10_000;

// The recipient or this message can never be delivered: 21211 invalid To, 21265 To is a short code,
// 21266 To equals From, 21408 destination disabled in Geo Permissions or embargoed (a deliberate policy, not an
// outage), 21604 To missing, 21610 recipient replied STOP, 21612 no route for this To/From pair, 21614 To is
// not a mobile number, 21635 To is a landline, 30006 landline or unreachable carrier (status callbacks only).
const PERMANENT = new Set([21211, 21265, 21266, 21408, 21604, 21610, 21612, 21614, 21635, 30006]);

// Our account or sender is misconfigured: 20003 authentication, 20404 unknown account, 21601/21606/21659/21661
// From not an SMS-capable number of ours, 21608 trial account (unverified To). Transient on purpose: messages
// wait in the queue until an operator fixes it, and dead-letter after the queue's retries if nobody does.
const MISCONFIGURED = new Set([20003, 20404, 21601, 21606, 21608, 21659, 21661]);

// 20429 too many requests, 20500/20503 Twilio unavailable, 21611 sender's queue full, 30001 queue overflow and
// 30003 handset unreachable (both status callbacks only; Twilio's docs suggest retrying 30003 later).
const TRANSIENT = new Set([20429, 20500, 20503, 21611, 30001, 30003]);

/**
 * Whether a Twilio error code (from an API error or a status callback's ErrorCode) is worth retrying.
 * Codes we do not know fall back to the HTTP status: a 400 is a rejected request, the rest are retried.
 */
export function classifyTwilioError(code: number | null, status: number): "permanent" | "transient" {
  if (code !== null && PERMANENT.has(code)) return "permanent";
  if (code !== null && (MISCONFIGURED.has(code) || TRANSIENT.has(code))) return "transient";
  return kindForStatus(status);
}

/**
 * Sends SMS through Twilio's Programmable Messaging REST API. Twilio has no idempotency key for creating a
 * message: when an answer is lost (timeout, network), the retry may text the recipient a second time.
 */
export class TwilioProvider implements SmsProvider {
  readonly name = TWILIO_PROVIDER;
  readonly #url: string;
  readonly #authorization: string;
  readonly #sender: [string, string];
  readonly #statusCallbackUrl: string;
  readonly #fetch: typeof fetch;

  constructor(options: TwilioProviderOptions) {
    const baseUrl = (options.baseUrl ?? "https://api.twilio.com").replace(/\/+$/, "");
    this.#url = `${baseUrl}/2010-04-01/Accounts/${encodeURIComponent(options.accountSid)}/Messages.json`;
    this.#authorization = `Basic ${btoa(`${options.accountSid}:${options.authToken}`)}`;
    if (options.messagingServiceSid) this.#sender = ["MessagingServiceSid", options.messagingServiceSid];
    else if (options.from) this.#sender = ["From", options.from];
    else throw new Error("TwilioProvider needs `from` or `messagingServiceSid`.");
    this.#statusCallbackUrl = options.statusCallbackUrl;
    // A wrapper rather than the bare global: workerd rejects `fetch` called with another `this`.
    this.#fetch = options.fetch ?? ((input, init) => fetch(input, init));
  }

  async sendSms(message: SmsMessage, context: SendContext): Promise<SendOutcome> {
    const form = new URLSearchParams([
      ["To", message.to],
      this.#sender,
      ["Body", message.text],
      ["StatusCallback", this.#statusCallbackUrl],
    ]);
    let response: Response;
    try {
      response = await this.#fetch(this.#url, {
        method: "POST",
        headers: { Authorization: this.#authorization, "Content-Type": "application/x-www-form-urlencoded" },
        body: form.toString(),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      return this.#failed("transient", requestFailure("Twilio", error, TIMEOUT_MS));
    }
    const payload = await readJsonObject(response);
    if (response.ok) {
      const sid = payload?.sid;
      // Twilio created the message: retrying would text the recipient twice. Without its sid, the status
      // callbacks cannot be matched, which is the lesser harm; the key keeps the placeholder unique.
      const id = typeof sid === "string" && sid !== "" ? sid : `unknown:${context.key}`;
      return { ok: true, provider: this.name, providerMessageId: id };
    }
    const code = typeof payload?.code === "number" ? payload.code : null;
    const detail = typeof payload?.message === "string" ? payload.message : null;
    const reason =
      code !== null
        ? `Twilio ${code}: ${detail ?? "(no message)"}`
        : `Twilio HTTP ${response.status}${detail ? `: ${detail}` : ""}`;
    return this.#failed(classifyTwilioError(code, response.status), reason);
  }

  #failed(kind: "permanent" | "transient", reason: string): SendOutcome {
    return { ok: false, kind, provider: this.name, reason };
  }
}
