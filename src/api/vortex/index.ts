import { createRouter } from "../../http/create-router";
import { resendClientIpLimit } from "../../http/rate-limit";
import { vortexKeyAuth } from "../../http/vortex-auth";
import * as accept from "./accept.handlers";
import * as acceptRoutes from "./accept.routes";
import * as autojoin from "./autojoin.handlers";
import * as invitations from "./invitations.handlers";
import * as routes from "./invitations.routes";
import * as reinvite from "./reinvite.handlers";
import * as scope from "./scope.handlers";
import * as scopeRoutes from "./scope.routes";

/** The Vortex-compatible API, mounted at /api/v1: official Vortex clients work against it unchanged. */
export function vortexRouter() {
  const router = createRouter();
  router.use("*", vortexKeyAuth());
  // A reinvite is a resend: the same per-IP budget, shared with AutoDoc resends.
  router.use("/invitations/:id/reinvite", resendClientIpLimit());
  return (
    router
      // Fixed paths before /invitations/{id}.
      .openapi(acceptRoutes.acceptInvitations, accept.acceptInvitations)
      .openapi(acceptRoutes.syncInternalInvitation, accept.syncInternalInvitation)
      .openapi(acceptRoutes.syncInternalInvitationLegacy, accept.syncInternalInvitation)
      .openapi(scopeRoutes.configureAutojoin, autojoin.configureAutojoin)
      .openapi(scopeRoutes.getAutojoin, autojoin.getAutojoin)
      .openapi(scopeRoutes.listByScope, scope.listByScope)
      .openapi(scopeRoutes.deleteByScope, scope.deleteByScope)
      .openapi(scopeRoutes.listByGroup, scope.listByGroup)
      .openapi(scopeRoutes.deleteByGroup, scope.deleteByGroup)
      .openapi(routes.createInvitation, invitations.create)
      .openapi(routes.listByTarget, invitations.listByTarget)
      .openapi(routes.getInvitation, invitations.get)
      .openapi(routes.revokeInvitation, invitations.revoke)
      .openapi(routes.reinviteInvitation, reinvite.reinvite)
  );
}
