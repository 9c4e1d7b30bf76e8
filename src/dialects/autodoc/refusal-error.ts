import { MAX_SEND_ATTEMPTS } from "../../core/send-policy";
import { ApiError } from "../../http/errors";
import type { Outcome, Refusal } from "../../invitations/refusals";

const NOT_FOUND: Record<Extract<Refusal, { kind: "not_found" }>["subject"], (id: string) => ApiError> = {
  invitation: (id) => new ApiError("not_found", `No invitation "${id}".`),
  workflow: (id) =>
    new ApiError("workflow_not_found", `No active workflow "${id}".`, { param: "workflowToken" }),
  widget_configuration: (id) => new ApiError("not_found", `Widget configuration ${id} not found.`),
};

/** A rate-limited answer: the budget in the message, and when to come back. */
function rateLimited(message: string, retryAfterSeconds: number): ApiError {
  return new ApiError(
    "rate_limited",
    message,
    { retry_after_seconds: retryAfterSeconds },
    { "Retry-After": String(retryAfterSeconds) },
  );
}

/**
 * A refusal in the AutoDoc dialect's words: its stable error code, its status, and a message that says what
 * to do. The Vortex dialect takes these words too, except where it has its own (vortex/refusal-error.ts).
 */
export function autodocRefusalError(refusal: Refusal): ApiError {
  const which = (id: string | undefined) => (id ? `Invitation ${id}` : "This invitation");
  switch (refusal.kind) {
    case "not_found":
      return NOT_FOUND[refusal.subject](refusal.id);
    case "revoked":
      return new ApiError("invitation_revoked", `${which(refusal.id)} has been revoked.`);
    case "expired":
      return new ApiError(
        "invitation_expired",
        refusal.id
          ? `Invitation ${refusal.id} has expired.`
          : "This invitation has expired; create a new invitation instead.",
      );
    case "already_accepted":
      return new ApiError("already_accepted", `${which(refusal.id)} has already been accepted.`);
    case "domain_not_admitted":
      return new ApiError(
        "forbidden",
        `Invitation ${refusal.id} admits only addresses on its autojoin domains.`,
      );
    case "not_sent_by_us":
      return new ApiError(
        "conflict",
        "Only e-mail invitations are sent by us; send this invitation's short link again yourself.",
      );
    case "delivery_in_flight":
      return new ApiError(
        "delivery_in_flight",
        refusal.stage === "send"
          ? "A send of this invitation is already in flight."
          : "The invitation's delivery has not settled yet; wait for it to be sent.",
      );
    case "recipient_engaged":
      return new ApiError(
        "recipient_engaged",
        `The recipient has already engaged (status ${refusal.status}); resending would confuse them.`,
      );
    case "delivery_failed":
      return new ApiError(
        "delivery_failed",
        "The delivery failed; its automatic retries handle it. Create a new invitation to try another address.",
      );
    case "max_attempts":
      return new ApiError(
        "max_attempts_reached",
        `This invitation was sent ${MAX_SEND_ATTEMPTS} times, the maximum. Create a new invitation to contact the recipient again.`,
      );
    case "cooldown":
      return new ApiError(
        "cooldown_active",
        `Sends of one invitation must be 3 minutes apart; retry in ${refusal.remainingSeconds} seconds.`,
        { remaining_seconds: refusal.remainingSeconds },
        { "Retry-After": String(refusal.remainingSeconds) },
      );
    case "rate_limited": {
      const what = refusal.budget === "resends" ? "resends" : "invitations created";
      return rateLimited(
        `More than ${refusal.limit} ${what} per minute for this organization.`,
        refusal.retryAfterSeconds,
      );
    }
    case "changed_meanwhile":
      return new ApiError(
        "conflict",
        "The invitation changed while it was being resent; fetch it and try again.",
      );
  }
}

/** A use case's value, or its refusal thrown in the AutoDoc dialect's words. */
export function valueOrAutodocError<T>(outcome: Outcome<T>): T {
  if (outcome.ok) return outcome.value;
  throw autodocRefusalError(outcome.refusal);
}
