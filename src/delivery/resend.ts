import { MAX_SEND_ATTEMPTS, type ResendDecision } from "../core/send-policy";
import type { Database } from "../db/client";
import { recordEvents } from "../db/events-repo";
import type { InvitationRow } from "../db/invitations-repo";
import { sendGate } from "../durable-objects/send-gate";
import { ApiError } from "../http/errors";
import { log } from "../log";
import { dispatchWebhookEvents } from "../webhooks/customer/dispatch";
import { deliveryMessage } from "./message";
import { enqueueDelivery } from "./producer";

export function maxAttemptsError(): ApiError {
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
  if (decision.reason === "max_attempts") return maxAttemptsError();
  return new ApiError("delivery_in_flight", "A send of this invitation is already in flight.");
}

/**
 * A resend (AutoDoc) or reinvite (Vortex) of an eligible invitation: the SendGate reserves the next attempt
 * (cooldown, cap, one in flight), D1 moves the invitation back to `pending` (through the dialect's own
 * guarded update), the timeline records `invitation.resent`, and the delivery is queued. A refusal or a
 * lost race throws the matching ApiError and leaves nothing reserved.
 */
export async function resendThroughGate(
  env: Env,
  ctx: { waitUntil(promise: Promise<unknown>): void },
  db: Database,
  token: string,
  now: Date,
  markPending: (previousAttempts: number) => Promise<InvitationRow | null>,
): Promise<InvitationRow> {
  const gate = sendGate(env, token);
  const decision = await gate.reserveResend(now.getTime());
  if (!decision.ok) throw refusal(decision);
  let updated: InvitationRow | null;
  try {
    updated = await markPending(decision.attempt - 1);
  } catch (error) {
    // A failed write must not leave the attempt reserved: every retry would be refused as in flight.
    await gate.cancelReservation(decision.attempt, now.getTime());
    throw error;
  }
  if (!updated) {
    await gate.cancelReservation(decision.attempt, now.getTime());
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
  ctx.waitUntil(dispatchWebhookEvents(env.WEBHOOKS, events));
  try {
    await enqueueDelivery(env.DELIVERIES, deliveryMessage(token, decision.attempt));
  } catch (error) {
    // Stored as pending and due now: the sweeper enqueues it if this send was lost.
    log("warn", "enqueue_failed", { token, attempt: decision.attempt, error: String(error) });
  }
  return updated;
}
