import type { Database } from "../db/client";
import type { DeliveryContext } from "../db/deliveries-repo";
import type { NewOutboxMessage } from "../db/outbox-repo";
import { nothing, type Plan } from "../db/plan";
import { findAcceptedCall } from "../db/sends-repo";
import { recordEvents } from "../db/timeline";
import { type DeliveryMessage, sendKey } from "./message";
import { providersFor } from "./providers";
import { OutboxProvider } from "./providers/outbox-provider";
import { simulatesDelivery } from "./providers/simulation";
import type { SendContext, SendOutcome } from "./providers/types";
import { sendInvitation } from "./send-invitation";

/** What a provider needs to know of one send of `delivery`, handed over for the `queueAttempt`-th time. */
export function sendContextOf(
  delivery: DeliveryContext,
  body: DeliveryMessage,
  queueAttempt: number,
): SendContext {
  const { invitation } = delivery;
  return {
    key: sendKey(body),
    organizationId: invitation.organizationId,
    livemode: invitation.livemode,
    invitationToken: invitation.token,
    attempt: body.attempt,
    queueAttempt,
  };
}

/**
 * The provider call of a send the SendGate just began. When the gate says this attempt was begun before
 * (`resumed`: an earlier call may have reached the provider, and the gate may not have taken its answer),
 * the acceptance recorded in D1 is looked for first, and the provider is not called again if it is there.
 * A first begin reads nothing: the gate's record is the provider-call record.
 */
export async function callProvider(
  env: Env,
  db: Database,
  delivery: DeliveryContext,
  context: SendContext,
  resumed: boolean,
): Promise<SendOutcome> {
  if (resumed) {
    const earlier = await findAcceptedCall(db, context);
    if (earlier)
      return { ok: true, provider: earlier.provider, providerMessageId: earlier.providerMessageId };
  }
  return sendInvitation(env, providersFor(env, context.livemode), delivery, context);
}

/**
 * The message the outbox kept for an accepted send, rendered again under the id the SendGate recorded:
 * what a repair of a failed mirror (where it is stored) writes. Undefined if it cannot be rendered.
 */
export async function storedMessageOf(
  env: Env,
  delivery: DeliveryContext,
  sent: { attempt: number; messageId: string; at: Date },
): Promise<NewOutboxMessage | undefined> {
  const outbox = new OutboxProvider(() => sent.messageId);
  const body = { v: 1 as const, invitationToken: delivery.invitation.token, attempt: sent.attempt };
  const outcome = await sendInvitation(
    env,
    { email: outbox, sms: outbox },
    delivery,
    sendContextOf(delivery, body, 1),
  );
  return outcome.ok && outcome.stored ? { ...outcome.stored, createdAt: sent.at } : undefined;
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
