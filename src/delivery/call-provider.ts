import type { Database } from "../db/client";
import type { DeliveryContext } from "../db/deliveries-repo";
import { nothing, type Plan } from "../db/plan";
import { beginProviderCall, finishProviderCall } from "../db/sends-repo";
import { recordEvents } from "../db/timeline";
import { log } from "../log";
import { providersFor } from "./providers";
import { simulatesDelivery } from "./providers/simulation";
import type { SendContext, SendOutcome } from "./providers/types";
import { sendInvitation } from "./send-invitation";

/**
 * The provider call, recorded before and after. If this attempt was already accepted (the queue redelivered
 * after the provider took it but before we recorded it everywhere), the provider is not called again.
 */
export async function callProvider(
  env: Env,
  db: Database,
  delivery: DeliveryContext,
  context: SendContext,
): Promise<SendOutcome> {
  const providers = providersFor(env, db, context.livemode);
  const provider = delivery.invitation.channel === "sms" ? providers.sms.name : providers.email.name;
  const key = { invitationToken: context.invitationToken, attempt: context.attempt };
  const earlier = await beginProviderCall(db, key, provider, new Date());
  if (earlier?.state === "accepted" && earlier.providerMessageId) {
    return { ok: true, provider: earlier.provider, providerMessageId: earlier.providerMessageId };
  }
  const outcome = await sendInvitation(env, providers, delivery, context);
  const result = outcome.ok
    ? { state: "accepted" as const, providerMessageId: outcome.providerMessageId }
    : { state: "failed" as const };
  try {
    await finishProviderCall(db, key, result, new Date());
  } catch (error) {
    // The provider has answered, and its answer decides what happens next: were this write's failure to
    // end the send here, the gate would never learn of an accepted send, and a retry would send it again.
    // The cost is this row: a later provider event for the message cannot be matched to it.
    log("error", "provider_call_unrecorded", { ...key, state: result.state, error: String(error) });
  }
  return outcome;
}

/** Test mode: a send to a `delivered@…` simulation recipient is followed by the provider event it stands for. */
export function simulateDelivery(
  db: Database,
  delivery: DeliveryContext,
  attempt: number,
  now: Date,
): Plan<void> {
  const { invitation } = delivery;
  if (invitation.livemode || !simulatesDelivery(invitation.recipient)) return nothing();
  return recordEvents(db, [
    {
      token: invitation.token,
      type: "provider.delivered",
      at: now,
      data: { provider: "simulation", attempt },
      dedupeKey: `simulation:${invitation.token}:${attempt}:delivered`,
      transition: { to: "delivered", webhookType: "invitation.delivered" },
    },
  ]);
}
