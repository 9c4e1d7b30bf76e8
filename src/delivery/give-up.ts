import type { NeverSentCause } from "../core/send-policy";
import { type DeliveryContext, markFailed } from "../db/deliveries-repo";
import { sendGate } from "../durable-objects/send-gate";
import { type CommitContext, commit } from "../invitations/commit";
import { type MirroredInvitation, mirrorFromGate } from "./record-send";

/** The reason a pending invitation that can never be sent is failed with (its `errorMessage`). */
export function neverSentReason(cause: NeverSentCause): string {
  return cause === "revoked"
    ? "Not sent: the invitation was revoked before it could be sent."
    : "Not sent: the invitation expired before it could be sent.";
}

/**
 * Ends a send for good on behalf of a caller that holds no lease: the dead-letter consumer, the consumer's
 * skip of a revoked or expired invitation, the sweeper. The SendGate is asked first, in one step: a send it
 * recorded is mirrored in D1 (sent, sentAt, attempts, billing, `invitation.sent`) instead of being failed; a
 * send another copy holds is left to that copy; otherwise the gate is freed and the invitation fails with
 * `reason`. Every step is idempotent, so a caller whose write failed simply tries again. `delivery`: the
 * caller's whole row, when it has it (a mirror may need it to store the outbox's message again).
 */
export async function giveUpDelivery(
  ctx: CommitContext,
  invitation: MirroredInvitation,
  attempt: number,
  reason: string,
  now: Date,
  delivery?: DeliveryContext,
): Promise<"sent" | "in_flight" | "failed"> {
  const decision = await sendGate(ctx.env, invitation.token).giveUp(attempt, now.getTime());
  if (decision.outcome === "in_flight") return decision.outcome;
  if (decision.outcome === "sent") await mirrorFromGate(ctx, invitation, decision.state, delivery);
  else await commit(ctx, markFailed(ctx.db, invitation.token, reason, now, { attempt }));
  return decision.outcome;
}
