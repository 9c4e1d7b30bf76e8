import type { GateState } from "../core/send-policy";
import type { Database } from "../db/client";
import { type DeliveryContext, recordAcceptedSend } from "../db/deliveries-repo";
import type { SendGate } from "../durable-objects/send-gate";

/**
 * An accepted send is recorded in the gate first, then mirrored in D1 (status, sentAt, attempts, billing).
 * In that order a crash in between is repaired: the redelivered message finds the gate saying
 * `already_sent` and only mirrors, whereas the other order could let the gate allow a second send.
 */
export async function recordSend(
  db: Database,
  gate: DurableObjectStub<SendGate>,
  delivery: DeliveryContext,
  attempt: number,
  now: Date,
): Promise<void> {
  const state = await gate.recordSent(attempt, now.getTime());
  await mirrorGateState(db, delivery, state);
}

/** Brings D1's `deliveryAttempts` and `sentAt` (and billing) up to what the gate recorded. */
export async function mirrorGateState(
  db: Database,
  delivery: DeliveryContext,
  state: GateState,
): Promise<void> {
  if (state.attempts === 0 || state.lastSentAt === null) return;
  const { invitation } = delivery;
  await recordAcceptedSend(
    db,
    {
      token: invitation.token,
      attempt: state.attempts,
      sentAt: new Date(state.lastSentAt),
      organizationId: invitation.organizationId,
      livemode: invitation.livemode,
      channel: invitation.channel,
    },
    new Date(),
  );
}
