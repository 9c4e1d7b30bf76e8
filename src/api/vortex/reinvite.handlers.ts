import type { RouteHandler } from "@hono/zod-openapi";
import { isExpired } from "../../core/invitation-status";
import { MAX_SEND_ATTEMPTS } from "../../core/send-policy";
import * as repo from "../../db/vortex-invitations-repo";
import { maxAttemptsError, resendThroughGate } from "../../delivery/resend";
import { renderInvitation } from "../../dialects/vortex/render";
import type { AppEnv } from "../../env";
import { ApiError } from "../../http/errors";
import { takeResendBudget } from "../../http/rate-limit";
import type { reinviteInvitation } from "./invitations.routes";

/** Who may be prompted again: an e-mail we deliver, live, not accepted, settled, below the cap. */
function assertReinvitable(row: repo.VortexRow, now: Date): void {
  if (row.deliveredBy !== "us") {
    throw new ApiError(
      "conflict",
      "Only e-mail invitations are sent by us; send this invitation's short link again yourself.",
    );
  }
  if (row.deactivated) throw new ApiError("invitation_revoked", "This invitation has been revoked.");
  if (isExpired(row.expiresAt, now)) {
    throw new ApiError("invitation_expired", "This invitation has expired; create a new invitation instead.");
  }
  if (row.status === "accepted" || row.status === "accepted_elsewhere") {
    throw new ApiError("already_accepted", "This invitation has already been accepted.");
  }
  if (row.status === "pending" || row.status === "sending") {
    throw new ApiError(
      "delivery_in_flight",
      "The invitation's delivery has not settled yet; wait for it to be sent.",
    );
  }
  if (row.status === "failed") {
    throw new ApiError(
      "delivery_failed",
      "The delivery failed; its automatic retries handle it. Create a new invitation to try another address.",
    );
  }
  if (row.deliveryAttempts >= MAX_SEND_ATTEMPTS) throw maxAttemptsError();
}

/**
 * `POST /invitations/{id}/reinvite` (empty body): the e-mail goes out again through the SendGate, with
 * the same 3-minute cooldown and 10-send cap as an AutoDoc resend, and `deliveryCount` grows by one.
 */
export const reinvite: RouteHandler<typeof reinviteInvitation, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  const { db, principal } = c.var;
  const now = new Date();
  await takeResendBudget(c.env, principal, now.getTime());
  const row = await repo.findVortexInvitation(db, principal, id);
  if (!row) throw new ApiError("not_found", `Invitation ${id} not found.`);
  assertReinvitable(row, now);
  const updated = await resendThroughGate(c.env, c.executionCtx, db, id, now, (previousAttempts) =>
    repo.markReinvitePending(db, principal, id, previousAttempts, now),
  );
  return c.json(await renderInvitation(db, updated), 200);
};
