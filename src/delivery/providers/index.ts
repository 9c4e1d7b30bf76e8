import { CloudflareEmailProvider } from "./cloudflare-email-provider";
import { OutboxProvider } from "./outbox-provider";
import { ResendProvider } from "./resend-provider";
import { SimulatingProvider } from "./simulation";
import { TwilioProvider } from "./twilio-provider";
import type { EmailProvider, SmsProvider } from "./types";

export interface Providers {
  email: EmailProvider;
  sms: SmsProvider;
}

function required(value: string | undefined, setting: string): string {
  if (!value) throw new Error(`${setting} is not set; the configured provider cannot send.`);
  return value;
}

function emailProvider(env: Env, outbox: OutboxProvider): EmailProvider {
  switch (env.EMAIL_PROVIDER || "outbox") {
    case "outbox":
      return outbox;
    case "resend":
      return new ResendProvider({
        apiKey: required(env.RESEND_API_KEY, "RESEND_API_KEY"),
        baseUrl: env.RESEND_API_BASE_URL || undefined,
      });
    case "cloudflare":
      return new CloudflareEmailProvider({ binding: env.EMAIL });
    default:
      throw new Error(`EMAIL_PROVIDER=${env.EMAIL_PROVIDER} is unknown; use outbox, resend or cloudflare.`);
  }
}

function smsProvider(env: Env, outbox: OutboxProvider): SmsProvider {
  switch (env.SMS_PROVIDER || "outbox") {
    case "outbox":
      return outbox;
    case "twilio":
      return new TwilioProvider({
        accountSid: required(env.TWILIO_ACCOUNT_SID, "TWILIO_ACCOUNT_SID"),
        authToken: required(env.TWILIO_AUTH_TOKEN, "TWILIO_AUTH_TOKEN"),
        ...(env.TWILIO_MESSAGING_SERVICE_SID
          ? { messagingServiceSid: env.TWILIO_MESSAGING_SERVICE_SID }
          : { from: required(env.TWILIO_FROM, "TWILIO_FROM (or TWILIO_MESSAGING_SERVICE_SID)") }),
        statusCallbackUrl: new URL("/webhooks/twilio", env.PUBLIC_API_ORIGIN).toString(),
        baseUrl: env.TWILIO_API_BASE_URL || undefined,
      });
    default:
      throw new Error(`SMS_PROVIDER=${env.SMS_PROVIDER} is unknown; use outbox or twilio.`);
  }
}

/**
 * Test mode always uses the outbox (with simulation recipients): it is never sent and never billed.
 * Live mode uses the configured providers; a misconfiguration throws, which the consumer retries
 * (and dead-letters), so no message is lost while an operator fixes it. Each channel's provider is built
 * when that channel is used, so a missing Twilio secret does not stop e-mail, nor a missing Resend key SMS.
 */
export function providersFor(env: Env, livemode: boolean): Providers {
  const outbox = new OutboxProvider();
  if (!livemode) {
    const simulating = new SimulatingProvider(outbox);
    return { email: simulating, sms: simulating };
  }
  let email: EmailProvider | undefined;
  let sms: SmsProvider | undefined;
  return {
    get email() {
      email ??= emailProvider(env, outbox);
      return email;
    },
    get sms() {
      sms ??= smsProvider(env, outbox);
      return sms;
    },
  };
}

/**
 * Why the configured live providers cannot send, one line per channel (empty when both can): the very
 * checks a live send makes, run ahead of it so that they can be reported at startup. Nothing is sent.
 */
export function providerSettingProblems(env: Env): string[] {
  const live = providersFor(env, true);
  const problems: string[] = [];
  for (const build of [() => live.email, () => live.sms]) {
    try {
      build();
    } catch (error) {
      problems.push(error instanceof Error ? error.message : String(error));
    }
  }
  return problems;
}
