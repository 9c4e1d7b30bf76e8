import type { RouteHandler } from "@hono/zod-openapi";
import { valueOrVortexError } from "../../dialects/vortex/refusal-error";
import { renderInvitation } from "../../dialects/vortex/render";
import type { AppEnv } from "../../env";
import { commitContext } from "../../http/commit-context";
import { sendAgain } from "../../invitations/send-again";
import type { reinviteInvitation } from "./invitations.routes";

/**
 * `POST /invitations/{id}/reinvite` (empty body): the one send-again rule with Vortex's statuses, so the same
 * 3-minute cooldown and 10-send cap as an AutoDoc resend; `deliveryCount` grows once the e-mail went out.
 */
export const reinvite: RouteHandler<typeof reinviteInvitation, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  const outcome = await sendAgain(commitContext(c), c.var.principal, "vortex", id, new Date());
  return c.json(await renderInvitation(c.var.db, valueOrVortexError(outcome)), 200);
};
