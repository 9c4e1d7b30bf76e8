import type { RouteHandler } from "@hono/zod-openapi";
import { invitationView } from "../../dialects/autodoc/invitation-view";
import { valueOrAutodocError } from "../../dialects/autodoc/refusal-error";
import type { AppEnv } from "../../env";
import { commitContext } from "../../http/commit-context";
import { sendAgain } from "../../invitations/send-again";
import type { resendInvitation } from "./invitations.routes";

/** `POST /invitations/{token}/resend`: AutoDoc's resend, the one send-again rule with AutoDoc's statuses. */
export const resend: RouteHandler<typeof resendInvitation, AppEnv> = async (c) => {
  const { token } = c.req.valid("param");
  const outcome = await sendAgain(commitContext(c), c.var.principal, "autodoc", token, new Date());
  return c.json(invitationView(valueOrAutodocError(outcome), c.env.START_ORIGIN), 200);
};
