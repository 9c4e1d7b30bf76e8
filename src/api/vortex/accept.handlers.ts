import type { RouteHandler } from "@hono/zod-openapi";
import type { z } from "zod";
import { type AcceptTarget, findPendingInternal } from "../../db/vortex-accept-repo";
import { findVortexInvitations } from "../../db/vortex-invitations-repo";
import { valueOrVortexError } from "../../dialects/vortex/refusal-error";
import { renderInvitations } from "../../dialects/vortex/render";
import { normalizeTarget } from "../../dialects/vortex/target";
import type { AppEnv } from "../../env";
import { commitContext } from "../../http/commit-context";
import { ApiError, fieldError, validationError } from "../../http/errors";
import { acceptByIds, acceptRows } from "../../invitations/accept";
import { deactivate } from "../../invitations/deactivate";
import type * as routes from "./accept.routes";
import type { AcceptBody } from "./accept.schemas";

/** `user` (or the legacy `target`, mapped as the Python and Ruby clients do) → who accepted. */
function acceptTarget(body: z.infer<typeof AcceptBody>): AcceptTarget {
  const { user, target } = body;
  const phone =
    user?.phone ?? (target && /^(phone|phoneNumber|sms)$/.test(target.type) ? target.value : undefined);
  const email = user?.email ?? (target && !phone ? target.value : undefined);
  const type = email ? "email" : "phone";
  const value = normalizeTarget(type, email ?? phone ?? "");
  if (!value) throw validationError([fieldError(`user.${type}`, `must be a valid ${type}`)]);
  return {
    type,
    value,
    ...(user?.name ? { name: user.name } : {}),
    ...(user?.isExisting === undefined ? {} : { isExisting: user.isExisting }),
  };
}

export const acceptInvitations: RouteHandler<typeof routes.acceptInvitations, AppEnv> = async (c) => {
  const body = c.req.valid("json");
  const { db, principal } = c.var;
  const ids = [...new Set(body.invitationIds)];
  const outcome = await acceptByIds(commitContext(c), principal, ids, acceptTarget(body), new Date());
  const accepted = valueOrVortexError(outcome);
  return c.json(
    { invitations: await renderInvitations(db, await findVortexInvitations(db, principal, accepted)) },
    200,
  );
};

export const syncInternalInvitation: RouteHandler<typeof routes.syncInternalInvitation, AppEnv> = async (
  c,
) => {
  const { creatorId, targetValue, action, componentId } = c.req.valid("json");
  const { db, principal } = c.var;
  const now = new Date();
  const rows = await findPendingInternal(db, principal, { creatorId, targetValue, componentId }, now);
  if (rows.length === 0) throw new ApiError("not_found", "No pending internal invitation found.");
  const tokens = rows.map((row) => row.token);
  const ctx = commitContext(c);
  if (action === "accepted") {
    valueOrVortexError(await acceptRows(ctx, principal, rows, { type: "internal", value: targetValue }, now));
  } else {
    await deactivate(ctx, principal, { tokens }, "declined", now);
  }
  return c.json({ processed: tokens.length, invitationIds: tokens }, 200);
};
