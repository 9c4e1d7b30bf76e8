import type { EmailMessage, EmailProvider, SendContext, SendOutcome, SmsMessage, SmsProvider } from "./types";

/**
 * Test-mode simulation recipients, so that integrators can exercise failure paths without a provider.
 * E-mail follows Resend's test addresses (`delivered@resend.dev`, `bounced@resend.dev`) and adds our own
 * domain for transient failures; SMS follows Twilio's magic test numbers and their error codes.
 */
export const SIMULATION_DOMAIN = "simulator.auto-doc.ai";

const PERMANENT_EMAIL: Record<string, string> = {
  "bounced@resend.dev": "The recipient's mail server rejected the address (simulated hard bounce).",
  [`bounced@${SIMULATION_DOMAIN}`]:
    "The recipient's mail server rejected the address (simulated hard bounce).",
};

const PERMANENT_SMS: Record<string, string> = {
  "+15005550001": "Twilio 21211: the 'To' number is not a valid phone number (simulated).",
  "+15005550004": "Twilio 21610: the recipient has unsubscribed from messages (simulated).",
  "+15005550009": "Twilio 21614: the 'To' number is not SMS-capable (simulated).",
};

const DELIVERED = new Set(["delivered@resend.dev", `delivered@${SIMULATION_DOMAIN}`]);

/** Recipients whose (test-mode) send is followed by a simulated provider `delivered` event. */
export function simulatesDelivery(to: string): boolean {
  return DELIVERED.has(to.toLowerCase());
}

/** `transient@…` always fails transiently; `transient-<n>@…` fails the first n tries, then succeeds. */
const TRANSIENT_EMAIL = new RegExp(`^transient(?:-(\\d{1,2}))?@${SIMULATION_DOMAIN.replaceAll(".", "\\.")}$`);

export function simulatedFailure(
  channel: "email" | "sms",
  to: string,
  queueAttempt: number,
): SendOutcome | null {
  const provider = "simulation";
  if (channel === "sms") {
    const reason = PERMANENT_SMS[to];
    return reason ? { ok: false, kind: "permanent", provider, reason } : null;
  }
  const address = to.toLowerCase();
  const permanent = PERMANENT_EMAIL[address];
  if (permanent) return { ok: false, kind: "permanent", provider, reason: permanent };
  const transient = TRANSIENT_EMAIL.exec(address);
  if (!transient) return null;
  const failures = transient[1] === undefined ? Number.POSITIVE_INFINITY : Number(transient[1]);
  if (queueAttempt > failures) return null;
  return {
    ok: false,
    kind: "transient",
    provider,
    reason: "The provider is temporarily unavailable (simulated).",
  };
}

/** Wraps the test-mode provider: simulation recipients fail as documented, everyone else goes through. */
export class SimulatingProvider implements EmailProvider, SmsProvider {
  readonly name: string;
  readonly #inner: EmailProvider & SmsProvider;

  constructor(inner: EmailProvider & SmsProvider) {
    this.#inner = inner;
    this.name = inner.name;
  }

  async sendEmail(message: EmailMessage, context: SendContext): Promise<SendOutcome> {
    return (
      simulatedFailure("email", message.to, context.queueAttempt) ?? this.#inner.sendEmail(message, context)
    );
  }

  async sendSms(message: SmsMessage, context: SendContext): Promise<SendOutcome> {
    return simulatedFailure("sms", message.to, context.queueAttempt) ?? this.#inner.sendSms(message, context);
  }
}
