import { createRouter } from "../../http/create-router";
import { vortexKeyAuth } from "../../http/vortex-auth";
import { vortexError } from "./errors";
import * as invitations from "./invitations.handlers";
import * as routes from "./invitations.routes";

/** The Vortex-compatible API, mounted at /api/v1: official Vortex clients work against it unchanged. */
export function vortexRouter() {
  const router = createRouter();
  router.onError(vortexError);
  router.use("*", vortexKeyAuth());
  return router
    .openapi(routes.createInvitation, invitations.create)
    .openapi(routes.listByTarget, invitations.listByTarget)
    .openapi(routes.getInvitation, invitations.get)
    .openapi(routes.revokeInvitation, invitations.revoke);
}
