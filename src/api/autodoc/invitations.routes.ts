import { createRoute, z } from "@hono/zod-openapi";
import { errorResponses, jsonBody, jsonContent, SECURITY_PRIVATE_KEY } from "../../http/openapi";
import {
  CreateInvitationBody,
  InvitationListSchema,
  InvitationSchema,
  InvitationTokenParams,
  ListInvitationsQuery,
} from "./invitations.schemas";

const tags = ["Invitations"];
const security = SECURITY_PRIVATE_KEY;

export const createInvitation = createRoute({
  method: "post",
  path: "/invitations",
  tags,
  security,
  summary: "Create and send an invitation",
  description:
    "Creates the invitation (status `pending`) and enqueues its delivery. Not idempotent: send a unique " +
    "`reference` and check `GET /v1/autodoc/invitations?reference=…` before retrying.",
  request: { body: jsonBody(CreateInvitationBody, "Who to invite, to which workflow, on which channel") },
  responses: { 201: jsonContent(InvitationSchema, "The invitation"), ...errorResponses(400, 401, 404) },
});

export const listInvitations = createRoute({
  method: "get",
  path: "/invitations",
  tags,
  security,
  summary: "List invitations, newest first",
  request: { query: ListInvitationsQuery },
  responses: { 200: jsonContent(InvitationListSchema, "A page of invitations"), ...errorResponses(400, 401) },
});

export const listLocales = createRoute({
  method: "get",
  path: "/invitations/locales",
  tags,
  security,
  summary: "The locales invitations can be sent in",
  responses: {
    200: jsonContent(
      z
        .object({
          default: z.string().openapi({ example: "en" }),
          locales: z.array(z.object({ code: z.string(), name: z.string() })),
        })
        .openapi("Locales"),
      "The organization's default and every supported locale",
    ),
    ...errorResponses(401),
  },
});

export const getInvitation = createRoute({
  method: "get",
  path: "/invitations/{token}",
  tags,
  security,
  summary: "Retrieve an invitation",
  request: { params: InvitationTokenParams },
  responses: { 200: jsonContent(InvitationSchema, "The invitation"), ...errorResponses(401, 404) },
});

export const resendInvitation = createRoute({
  method: "post",
  path: "/invitations/{token}/resend",
  tags,
  security,
  summary: "Resend an invitation",
  description:
    "Re-dispatches the e-mail or SMS of a `sent` invitation: status back to `pending`, `sentAt` cleared, a fresh " +
    "delivery enqueued; the token and link are unchanged. At most 10 sends per invitation and 3 minutes between " +
    "sends. Billed like the first send (live mode). 30 requests per minute per IP, 20 resends per minute per " +
    "organization.",
  request: { params: InvitationTokenParams },
  responses: {
    200: jsonContent(InvitationSchema, "The invitation, `pending` again"),
    ...errorResponses(401, 404, 409, 410, 422, 429),
  },
});
