import { createRoute, z } from "@hono/zod-openapi";
import { jsonBody, jsonContent } from "../../http/openapi";
import { AcceptBody, SyncInternalBody, SyncInternalResponse } from "./accept.schemas";
import { VortexErrorSchema, VortexInvitationSchema } from "./invitations.schemas";

const tags = ["Vortex"];
const security = [{ vortexApiKey: [] }];
const errors = {
  400: jsonContent(VortexErrorSchema, "Invalid request"),
  401: jsonContent(VortexErrorSchema, "Invalid or missing API key"),
  404: jsonContent(VortexErrorSchema, "Not found"),
};

export const acceptInvitations = createRoute({
  method: "post",
  path: "/invitations/accept",
  tags,
  security,
  summary: "Accept invitations",
  description:
    "A single-use invitation accepts once (a second accept is 409); the invitee's other open invitations in " +
    "the same scope become `accepted_elsewhere`. Multi-use and autojoin invitations record every accept.",
  request: { body: jsonBody(AcceptBody, "The invitations and who accepts them") },
  responses: {
    200: jsonContent(z.object({ invitations: z.array(VortexInvitationSchema) }), "The accepted invitations"),
    ...errors,
    403: jsonContent(VortexErrorSchema, "The address is not on the autojoin invitation's domains"),
    409: jsonContent(VortexErrorSchema, "Already accepted"),
    410: jsonContent(VortexErrorSchema, "Revoked or expired"),
  },
});

const syncInternal = {
  method: "post",
  tags,
  security,
  summary: "Report a decision on internal invitations",
  description:
    "Matches the open internal invitations by creator (`creatorId` = the inviter's userId), invitee and " +
    "component (widget configuration): `accepted` accepts them, `declined` deactivates them.",
  request: { body: jsonBody(SyncInternalBody, "The decision") },
  responses: {
    200: jsonContent(SyncInternalResponse, "What was processed"),
    ...errors,
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
