import type { RouteHandler } from "@hono/zod-openapi";
import { isExpired } from "../../core/invitation-status";
import { MAX_SEND_ATTEMPTS, type ResendDecision } from "../../core/send-policy";
import { recordEvents } from "../../db/events-repo";
import { findInvitation, type InvitationRow, markResendPending } from "../../db/invitations-repo";
import { deliveryMessage } from "../../delivery/message";
import { enqueueDelivery } from "../../delivery/producer";
import { sendGate } from "../../durable-objects/send-gate";
import type { AppEnv } from "../../env";
import { ApiError } from "../../http/errors";
import { RESENDS_PER_MINUTE, takeOrganizationBudget } from "../../http/rate-limit";
import { log } from "../../log";
import { dispatchWebhookEvents } from "../../webhooks/customer/dispatch";
import { invitationView } from "./invitation-view";
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
  if (invitation.deliveryAttempts >= MAX_SEND_ATTEMPTS) throw maxAttempts();
}

function maxAttempts(): ApiError {
  return new ApiError(
    "max_attempts_reached",
    `This invitation was sent ${MAX_SEND_ATTEMPTS} times, the maximum. Create a new invitation to contact the recipient again.`,
  );
}

function refusal(decision: Exclude<ResendDecision, { ok: true }>): ApiError {
  if (decision.reason === "cooldown") {
    const seconds = decision.remainingSeconds;
    return new ApiError(
      "cooldown_active",
      `Sends of one invitation must be 3 minutes apart; retry in ${seconds} seconds.`,
      { remaining_seconds: seconds },
      { "Retry-After": String(seconds) },
    );
  }
  if (decision.reason === "max_attempts") return maxAttempts();
  return new ApiError("delivery_in_flight", "A send of this invitation is already in flight.");
}

export const resend: RouteHandler<typeof resendInvitation, AppEnv> = async (c) => {
  const { token } = c.req.valid("param");
  const { db, principal } = c.var;
  const now = new Date();
  await takeOrganizationBudget(c.env, principal, "resend", RESENDS_PER_MINUTE, now.getTime());
  const invitation = await findInvitation(db, principal, token);
  if (!invitation) throw new ApiError("not_found", `No invitation "${token}".`);
  assertEligible(invitation, now);
  const gate = sendGate(c.env, token);
  const decision = await gate.reserveResend(now.getTime());
  if (!decision.ok) throw refusal(decision);
  const updated = await markResendPending(db, principal, token, decision.attempt - 1, now);
  if (!updated) {
    await gate.cancelReservation(decision.attempt);
    throw new ApiError(
      "conflict",
      "The invitation changed while it was being resent; fetch it and try again.",
    );
  }
  const events = await recordEvents(db, [
    {
      token,
      type: "invitation.resent",
      webhookType: "invitation.resent",
      at: now,
      data: { attempt: decision.attempt },
      dedupeKey: `resent:${token}:${decision.attempt}`,
    },
  ]);
  c.executionCtx.waitUntil(dispatchWebhookEvents(c.env.WEBHOOKS, events));
  try {
    await enqueueDelivery(c.env.DELIVERIES, deliveryMessage(token, decision.attempt));
  } catch (error) {
    // Stored as pending and due now: the sweeper enqueues it if this send was lost.
    log("warn", "enqueue_failed", { token, attempt: decision.attempt, error: String(error) });
  }
  return c.json(invitationView(updated, c.env.START_ORIGIN), 200);
};
