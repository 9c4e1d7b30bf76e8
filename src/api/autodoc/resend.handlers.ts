import type { RouteHandler } from "@hono/zod-openapi";
import { isExpired } from "../../core/invitation-status";
import { MAX_SEND_ATTEMPTS } from "../../core/send-policy";
import { findInvitation, type InvitationRow, markResendPending } from "../../db/invitations-repo";
import { maxAttemptsError, resendThroughGate } from "../../delivery/resend";
import { invitationView } from "../../dialects/autodoc/invitation-view";
import type { AppEnv } from "../../env";
import { ApiError } from "../../http/errors";
import { takeResendBudget } from "../../http/rate-limit";
import type { resendInvitation } from "./invitations.routes";

const ENGAGED = new Set(["delivered", "opened", "started", "completed", "rejected", "accepted"]);

/** Seed 003's eligibility: only `sent`, unexpired invitations below the attempt cap may be resent. */
function assertEligible(invitation: InvitationRow, now: Date): void {
  const { status } = invitation;
  if (isExpired(invitation.expiresAt, now)) {
    throw new ApiError("invitation_expired", "This invitation has expired; create a new invitation instead.");
  }
  if (status === "pending" || status === "sending") {
    throw new ApiError(
      "delivery_in_flight",
      "The invitation's delivery has not settled yet; wait for it to be sent.",
    );
  }
  if (ENGAGED.has(status)) {
    throw new ApiError(
      "recipient_engaged",
      `The recipient has already engaged (status ${status}); resending would confuse them.`,
    );
  }
  if (status === "failed") {
    throw new ApiError(
      "delivery_failed",
      "The delivery failed; its automatic retries handle it. Create a new invitation to try another address.",
    );
  }
  if (invitation.deliveryAttempts >= MAX_SEND_ATTEMPTS) throw maxAttemptsError();
}

export const resend: RouteHandler<typeof resendInvitation, AppEnv> = async (c) => {
  const { token } = c.req.valid("param");
  const { db, principal } = c.var;
  const now = new Date();
  await takeResendBudget(c.env, principal, now.getTime());
  const invitation = await findInvitation(db, principal, token);
  if (!invitation) throw new ApiError("not_found", `No invitation "${token}".`);
  assertEligible(invitation, now);
  const updated = await resendThroughGate(c.env, c.executionCtx, db, token, now, (previousAttempts) =>
    markResendPending(db, principal, token, previousAttempts, now),
  );
  return c.json(invitationView(updated, c.env.START_ORIGIN), 200);
};
