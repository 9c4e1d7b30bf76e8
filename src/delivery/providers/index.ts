import type { Database } from "../../db/client";
import { OutboxProvider } from "./outbox-provider";
import { SimulatingProvider } from "./simulation";
import type { EmailProvider, SmsProvider } from "./types";

export interface Providers {
  email: EmailProvider;
  sms: SmsProvider;
}

/**
 * Test mode always uses the outbox (with simulation recipients) and is never sent or billed.
 * Live mode uses the configured providers; `outbox` is the only one so far and the local default.
 */
export function providersFor(env: Env, db: Database, livemode: boolean): Providers {
  const outbox = new OutboxProvider(db);
  if (!livemode) {
    const simulating = new SimulatingProvider(outbox);
    return { email: simulating, sms: simulating };
  }
  return {
    email: pick(env.EMAIL_PROVIDER, "EMAIL_PROVIDER", outbox),
    sms: pick(env.SMS_PROVIDER, "SMS_PROVIDER", outbox),
  };
}

function pick<P>(configured: string | undefined, setting: string, outbox: P): P {
  if (configured === undefined || configured === "outbox") return outbox;
  throw new Error(`${setting}=${configured} is not a provider this build knows; use "outbox".`);
}
