import type { GateState } from "../core/send-policy";
import type { Database } from "../db/client";
import { type DeliveryContext, recordAcceptedSend } from "../db/deliveries-repo";
import type { InvitationRow } from "../db/invitations-repo";
import { nothing, type Plan } from "../db/plan";
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
  send: { attempt: number; provider: string; providerMessageId: string },
  now: Date,
): Promise<Plan<void>> {
  const state = await gate.recordSent(send.attempt, now.getTime());
  return mirrorGateState(db, delivery.invitation, state, send);
}

/** What a mirror needs to know of the invitation (the consumer has the whole row, the sweeper a few columns). */
export type MirroredInvitation = Pick<InvitationRow, "token" | "organizationId" | "livemode" | "channel">;

/** The write that brings D1's `deliveryAttempts`, `sentAt`, billing and timeline up to what the gate recorded. */
export function mirrorGateState(
  db: Database,
  invitation: MirroredInvitation,
  state: GateState,
  send?: { provider: string; providerMessageId: string },
): Plan<void> {
  if (state.attempts === 0 || state.lastSentAt === null) return nothing();
  return recordAcceptedSend(
    db,
    {
      token: invitation.token,
      attempt: state.attempts,
      sentAt: new Date(state.lastSentAt),
      organizationId: invitation.organizationId,
      livemode: invitation.livemode,
      channel: invitation.channel,
      ...(send ? { provider: send.provider, providerMessageId: send.providerMessageId } : {}),
    },
    new Date(),
  );
}
