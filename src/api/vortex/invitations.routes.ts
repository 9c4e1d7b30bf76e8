import { createRoute, z } from "@hono/zod-openapi";
import { jsonBody, jsonContent } from "../../http/openapi";
import {
  CreateVortexInvitationBody,
  CreateVortexInvitationResponse,
  VortexInvitationSchema,
} from "./invitations.schemas";
import { AUTOJOIN_LISTING_LIMIT, TARGET_LISTING_LIMIT, truncatedHeaders } from "./listing";
import { VORTEX_ROUTE, vortexErrors } from "./openapi";

const IdParams = z.object({ id: z.string().openapi({ param: { name: "id", in: "path" } }) });

export const createInvitation = createRoute({
  method: "post",
  path: "/invitations",
  ...VORTEX_ROUTE,
  summary: "Create an invitation (Vortex)",
  description:
    "Email targets are delivered by us with the widget configuration's template; phone and internal targets " +
    "are not sent: send the returned short link yourself.",
  request: { body: jsonBody(CreateVortexInvitationBody, "Invitation details") },
  responses: {
    201: jsonContent(CreateVortexInvitationResponse, "Created"),
    ...vortexErrors({
      404: "Not found",
      429: "The organization's creation rate limit for this mode (shared with AutoDoc create); see Retry-After",
    }),
  },
});

export const listByTarget = createRoute({
  method: "get",
  path: "/invitations",
  ...VORTEX_ROUTE,
  summary: "Open invitations for an invitee",
  request: {
    query: z.object({
      targetType: z.enum(["email", "phone", "phoneNumber", "sms", "username", "internal", "share"]),
      targetValue: z.string().min(1).max(254),
    }),
  },
  responses: {
    200: {
      ...jsonContent(
        z.object({ invitations: z.array(VortexInvitationSchema) }),
        `The invitee's open invitations, newest first: at most ${TARGET_LISTING_LIMIT}, then for an e-mail address ` +
          `at most ${AUTOJOIN_LISTING_LIMIT} autojoin invitations of its domain (X-Truncated: true when either holds more)`,
      ),
      headers: truncatedHeaders,
    },
    ...vortexErrors({ 404: "Not found" }),
  },
});

export const getInvitation = createRoute({
  method: "get",
  path: "/invitations/{id}",
  ...VORTEX_ROUTE,
  summary: "Get an invitation by id",
  request: { params: IdParams },
  responses: {
    200: jsonContent(VortexInvitationSchema, "The invitation"),
    ...vortexErrors({ 404: "Not found" }),
  },
});

export const revokeInvitation = createRoute({
  method: "delete",
  path: "/invitations/{id}",
  ...VORTEX_ROUTE,
  summary: "Revoke an invitation: it is deactivated and its link dies",
  request: { params: IdParams },
  responses: { 200: jsonContent(z.object({}), "Revoked"), ...vortexErrors({ 404: "Not found" }) },
});

export const reinviteInvitation = createRoute({
  method: "post",
  path: "/invitations/{id}/reinvite",
  ...VORTEX_ROUTE,
  summary: "Send an e-mail invitation again",
  description:
    "No body (the official clients send an empty body with a JSON content type). Goes through the same gate " +
    "as an AutoDoc resend: 3 minutes between sends (429 with Retry-After), 10 sends at most (422). " +
    "`deliveryCount` grows once the e-mail has gone out.",
  request: { params: IdParams },
  responses: {
    200: jsonContent(VortexInvitationSchema, "The invitation, queued again"),
    ...vortexErrors({
      404: "Not found",
      409: "Not an e-mail we send, accepted, or a delivery still in flight",
      410: "Revoked or expired",
      422: "Sent 10 times already",
      429: "Within the 3-minute cooldown, or past the resend budgets (20 a minute per organization and mode, 30 a minute per client IP, both shared with AutoDoc resends); see Retry-After",
    }),
  },
});
