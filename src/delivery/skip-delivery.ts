import { type NeverSentCause, whyNeverSent } from "../core/send-policy";
import type { DeliveryContext } from "../db/deliveries-repo";
import { sendGate } from "../durable-objects/send-gate";
import type { CommitContext } from "../invitations/commit";
import { giveUpDelivery, neverSentReason } from "./give-up";
import { mirrorFromGate } from "./record-send";

/** Why a stored delivery is not sent now. */
export type SkipReason =
  /** D1 already mirrors this attempt. */
  | { kind: "recorded"; reason: string }
  /** The customer sends the link itself. */
  | { kind: "not_ours"; reason: string }
  /** The invitation moved on (opened, failed…) before D1 mirrored this attempt: the gate may have sent it. */
  | { kind: "moved_on"; reason: string }
  /** Pending, but it can never be sent. */
  | { kind: "never"; cause: NeverSentCause; reason: string };

/** Why a stored delivery should not be sent, or null when it should. */
export function reasonNotToSend(delivery: DeliveryContext, attempt: number, now: Date): SkipReason | null {
  const { invitation } = delivery;
  if (invitation.deliveryAttempts >= attempt) return { kind: "recorded", reason: "already sent" };
  if (invitation.deliveredBy !== "us") return { kind: "not_ours", reason: "the customer sends this one" };
  if (invitation.status !== "pending" && invitation.status !== "sending") {
    return { kind: "moved_on", reason: `status is ${invitation.status}` };
  }
  const cause = whyNeverSent(invitation, now);
  return cause === null ? null : { kind: "never", cause, reason: cause };
}

/**
 * What a skipped message still owes D1 before it is acked: a send the gate recorded but D1 lacks is
 * mirrored (status stays where it is, forward only: an opened invitation stays opened), and a pending send
 * that can never happen is given up, so it gets a final state and the sweeper stops re-enqueuing it.
 */
export async function settleSkipped(
  ctx: CommitContext,
  delivery: DeliveryContext,
  attempt: number,
  skip: SkipReason,
  now: Date,
): Promise<void> {
  const { invitation } = delivery;
  if (skip.kind === "never") {
    await giveUpDelivery(ctx, invitation, attempt, neverSentReason(skip.cause), now, delivery);
  } else if (skip.kind === "moved_on") {
    const state = await sendGate(ctx.env, invitation.token).state();
    if (state.attempts <= invitation.deliveryAttempts) return;
    await mirrorFromGate(ctx, invitation, state, delivery);
  }
}
