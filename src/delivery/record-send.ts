import { answerOfLastSend, type GateState, type ProviderAnswer } from "../core/send-policy";
import type { Database } from "../db/client";
import { type DeliveryContext, loadForDelivery } from "../db/deliveries-repo";
import type { InvitationRow } from "../db/invitations-repo";
import type { NewOutboxMessage } from "../db/outbox-repo";
import { nothing, type Plan } from "../db/plan";
import { recordAcceptedCall, recordAcceptedSend } from "../db/send-mirror-repo";
import type { SendGate } from "../durable-objects/send-gate";
import { type CommitContext, commit } from "../invitations/commit";
import { log } from "../log";
import { storedMessageOf } from "./call-provider";
import { OUTBOX_PROVIDER } from "./providers/names";

/** What the consumer knows of a send the provider just accepted. */
export interface AcceptedAttempt {
  attempt: number;
  answer: ProviderAnswer;
  /** The outbox's message, when the outbox is the provider. */
  stored?: NewOutboxMessage | undefined;
}

/**
 * An accepted send is recorded in the gate first (with the provider's answer: the finish of the gate's
 * provider-call record), then mirrored in D1 in one batch (status, sentAt, attempts, the `sends` row,
 * billing, the outbox's message). In that order a crash in between is repaired: the redelivered message
 * finds the gate saying `already_sent` and only mirrors, whereas the other order could let the gate allow a
 * second send. Should the gate not take the answer, it is written to D1 on its own before the error goes on:
 * the retry, told by the gate that the attempt was begun before, finds it and does not call the provider again.
 */
export async function recordSend(
  ctx: CommitContext,
  gate: DurableObjectStub<SendGate>,
  delivery: DeliveryContext,
  send: AcceptedAttempt,
  now: Date,
): Promise<Plan<void>> {
  let state: GateState;
  try {
    state = await gate.recordSent(send.attempt, now.getTime(), send.answer);
  } catch (error) {
    const key = { invitationToken: delivery.invitation.token, attempt: send.attempt };
    const call = { ...send.answer, calledAt: now };
    try {
      await commit(ctx, recordAcceptedCall(ctx.db, key, call, send.stored, now));
    } catch (fallback) {
      // Neither store took the answer: a retry calls the provider again (Resend's idempotency key absorbs it).
      log("error", "provider_call_unrecorded", { ...key, error: String(error), fallback: String(fallback) });
    }
    throw error;
  }
  const stored = state.attempts === send.attempt ? send.stored : undefined;
  return mirrorGateState(ctx.db, delivery.invitation, state, stored);
}

/** What a mirror needs to know of the invitation (the consumer has the whole row, the sweeper a few columns). */
export type MirroredInvitation = Pick<InvitationRow, "token" | "organizationId" | "livemode" | "channel">;

/**
 * The write that brings D1's `deliveryAttempts`, `sentAt`, `sends` row, billing and timeline up to what the
 * gate recorded, with the outbox's message when the consumer has it.
 */
export function mirrorGateState(
  db: Database,
  invitation: MirroredInvitation,
  state: GateState,
  stored?: NewOutboxMessage,
): Plan<void> {
  if (state.attempts === 0 || state.lastSentAt === null) return nothing();
  const answer = answerOfLastSend(state);
  return recordAcceptedSend(
    db,
    {
      token: invitation.token,
      attempt: state.attempts,
      sentAt: new Date(state.lastSentAt),
      organizationId: invitation.organizationId,
      livemode: invitation.livemode,
      channel: invitation.channel,
      ...(answer ? { answer: { ...answer, calledAt: new Date(answer.calledAt) } } : {}),
      ...(stored ? { stored } : {}),
    },
    new Date(),
  );
}

/**
 * Repairs D1 from the gate for a caller that holds no fresh send (a redelivered copy, the dead-letter
 * consumer, the sweeper): the mirror of what the gate recorded. A message the outbox kept is rendered again,
 * under the id the gate recorded, since its mirror (where it is stored) is what failed; `delivery` is read
 * for it when the caller has only a few columns.
 */
export async function mirrorFromGate(
  ctx: CommitContext,
  invitation: MirroredInvitation,
  state: GateState,
  delivery?: DeliveryContext,
): Promise<void> {
  const answer = answerOfLastSend(state);
  let stored: NewOutboxMessage | undefined;
  if (answer?.provider === OUTBOX_PROVIDER && state.lastSentAt !== null) {
    const context = delivery ?? (await loadForDelivery(ctx.db, invitation.token));
    if (context) {
      const sent = {
        attempt: state.attempts,
        messageId: answer.providerMessageId,
        at: new Date(state.lastSentAt),
      };
      stored = await storedMessageOf(ctx.env, context, sent);
    }
  }
  await commit(ctx, mirrorGateState(ctx.db, invitation, state, stored));
}
