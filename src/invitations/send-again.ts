import { ACCEPTED_STATUSES, type InvitationStatus, isExpired } from "../core/invitation-status";
import { MAX_SEND_ATTEMPTS, type ResendDecision } from "../core/send-policy";
import type { Dialect } from "../db/invitation-conditions";
import { findInvitation, type InvitationRow, markPendingAgain } from "../db/invitations-repo";
import { deliveryMessage } from "../delivery/message";
import { sendGate } from "../durable-objects/send-gate";
import type { Principal } from "../env";
import { takeResendBudget } from "./budgets";
import { type CommitContext, commit } from "./commit";
import { accepted, type Outcome, type Refusal, refused } from "./refusals";

/**
 * The statuses each dialect sends an invitation again from: the dialects' one difference here, as data.
 * AutoDoc (AutoDoc's resend reference) only resends what was `sent`: a recipient who engaged must not be prompted twice.
 * Vortex reinvites whoever may still be prompted: sent, delivered, or opened.
 */
export const SEND_AGAIN_FROM: Record<Dialect, readonly InvitationStatus[]> = {
  autodoc: ["sent"],
  vortex: ["sent", "delivered", "opened"],
};

/** Why this invitation may not be sent again now, or null when it may. One rule for both dialects. */
export function whyNotSendAgain(invitation: InvitationRow, now: Date): Refusal | null {
  const { status } = invitation;
  if (invitation.deliveredBy !== "us") return { kind: "not_sent_by_us" };
  if (invitation.deactivated) return { kind: "revoked" };
  if (isExpired(invitation.expiresAt, now)) return { kind: "expired" };
  if (status === "pending" || status === "sending") return { kind: "delivery_in_flight", stage: "delivery" };
  if ((ACCEPTED_STATUSES as readonly string[]).includes(status)) return { kind: "already_accepted" };
  if (status === "failed") return { kind: "delivery_failed" };
  if (!SEND_AGAIN_FROM[invitation.dialect].includes(status)) return { kind: "recipient_engaged", status };
  if (invitation.deliveryAttempts >= MAX_SEND_ATTEMPTS) return { kind: "max_attempts" };
  return null;
}

function gateRefusal(decision: Exclude<ResendDecision, { ok: true }>): Refusal {
  if (decision.reason === "cooldown")
    return { kind: "cooldown", remainingSeconds: decision.remainingSeconds };
  if (decision.reason === "max_attempts") return { kind: "max_attempts" };
  return { kind: "delivery_in_flight", stage: "send" };
}

/**
 * A resend (AutoDoc) or reinvite (Vortex): the organization's resend budget, the invitation's eligibility, then
 * the SendGate reserves the next attempt (3-minute cooldown, 10 sends, one in flight), D1 moves it back to
 * `pending` with `invitation.resent`, and the send is queued. A refusal, or a change that won the race, leaves
 * nothing reserved.
 */
export async function sendAgain(
  ctx: CommitContext,
  principal: Principal,
  dialect: Dialect,
  token: string,
  now: Date,
): Promise<Outcome<InvitationRow>> {
  const overBudget = await takeResendBudget(ctx.env, principal, now);
  if (overBudget) return refused(overBudget);
  const invitation = await findInvitation(ctx.db, principal, dialect, token);
  if (!invitation) return refused({ kind: "not_found", subject: "invitation", id: token });
  const ineligible = whyNotSendAgain(invitation, now);
  if (ineligible) return refused(ineligible);
  const gate = sendGate(ctx.env, token);
  const decision = await gate.reserveResend(now.getTime());
  if (!decision.ok) return refused(gateRefusal(decision));
  const { attempt } = decision;
  const move = { from: SEND_AGAIN_FROM[dialect], previousAttempts: attempt - 1, attempt };
  let updated: InvitationRow | null;
  try {
    updated = await commit(ctx, markPendingAgain(ctx.db, principal, dialect, token, move, now), (row) =>
      row ? [deliveryMessage(token, attempt)] : [],
    );
  } catch (error) {
    // A failed write must not leave the attempt reserved: every retry would be refused as in flight.
    await gate.cancelReservation(attempt, now.getTime());
    throw error;
  }
  if (updated) return accepted(updated);
  await gate.cancelReservation(attempt, now.getTime());
  return refused({ kind: "changed_meanwhile" });
}
