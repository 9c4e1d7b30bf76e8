import { createRoute, z } from "@hono/zod-openapi";
import { jsonBody, jsonContent } from "../../http/openapi";
import { AcceptBody, SyncInternalBody, SyncInternalResponse } from "./accept.schemas";
import { VortexInvitationSchema } from "./invitations.schemas";
import { VORTEX_ROUTE, vortexErrors } from "./openapi";

export const acceptInvitations = createRoute({
  method: "post",
  path: "/invitations/accept",
  ...VORTEX_ROUTE,
  summary: "Accept invitations",
  description:
    "A single-use invitation accepts once (a second accept is 409); the invitee's other open invitations in " +
    "the same scope become `accepted_elsewhere`. Multi-use and autojoin invitations record every accept.",
  request: { body: jsonBody(AcceptBody, "The invitations and who accepts them") },
  responses: {
    200: jsonContent(z.object({ invitations: z.array(VortexInvitationSchema) }), "The accepted invitations"),
    ...vortexErrors({
      403: "The address is not on the autojoin invitation's domains",
      404: "Not found",
      409: "Already accepted",
      410: "Revoked or expired",
    }),
  },
});

const syncInternal = {
  method: "post",
  ...VORTEX_ROUTE,
  summary: "Report a decision on internal invitations",
  description:
    "Matches the open internal invitations by creator (`creatorId` = the inviter's userId), invitee and " +
    "component (widget configuration): `accepted` accepts them, `declined` deactivates them.",
  request: { body: jsonBody(SyncInternalBody, "The decision") },
  responses: {
    200: jsonContent(SyncInternalResponse, "What was processed"),
    ...vortexErrors({ 404: "Not found" }),
  },
} as const;

export const syncInternalInvitation = createRoute({
  ...syncInternal,
  path: "/invitations/sync-internal-invitation",
});

/** The path Node clients before DEV-1778 call. */
export const syncInternalInvitationLegacy = createRoute({
  ...syncInternal,
  path: "/invitation-actions/sync-internal-invitation",
  summary: "Report a decision on internal invitations (legacy path)",
});
