import { createRoute, z } from "@hono/zod-openapi";
import { jsonBody, jsonContent } from "../../http/openapi";
import { VortexErrorSchema, VortexInvitationSchema } from "./invitations.schemas";
import { SCOPE_LISTING_LIMIT, truncatedHeaders } from "./listing";
import { AutojoinResponse, ConfigureAutojoinBody, GroupParams, ScopeParams } from "./scope.schemas";

const tags = ["Vortex"];
const security = [{ vortexApiKey: [] }];
const errors = {
  400: jsonContent(VortexErrorSchema, "Invalid request"),
  401: jsonContent(VortexErrorSchema, "Invalid or missing API key"),
};
const list = {
  ...jsonContent(
    z.object({ invitations: z.array(VortexInvitationSchema) }),
    `The scope's active invitations, newest first: at most ${SCOPE_LISTING_LIMIT} (X-Truncated: true when it holds more)`,
  ),
  headers: truncatedHeaders,
};

export const listByScope = createRoute({
  method: "get",
  path: "/invitations/by-scope/{scopeType}/{scope}",
  tags,
  security,
  summary: "Active invitations of a scope (autojoin included)",
  request: { params: ScopeParams },
  responses: { 200: list, ...errors },
});

export const deleteByScope = createRoute({
  method: "delete",
  path: "/invitations/by-scope/{scopeType}/{scope}",
  tags,
  security,
  summary: "Revoke every invitation of a scope",
  description: "Every active invitation of the scope, however many (not only those a listing shows).",
  request: { params: ScopeParams },
  responses: { 200: jsonContent(z.object({}), "Revoked"), ...errors },
});

export const listByGroup = createRoute({
  method: "get",
  path: "/invitations/by-group/{groupType}/{groupId}",
  tags,
  security,
  summary: "Active invitations of a group (legacy path of by-scope)",
  request: { params: GroupParams },
  responses: { 200: list, ...errors },
});

export const deleteByGroup = createRoute({
  method: "delete",
  path: "/invitations/by-group/{groupType}/{groupId}",
  tags,
  security,
  summary: "Revoke every invitation of a group (legacy path of by-scope)",
  request: { params: GroupParams },
  responses: { 200: jsonContent(z.object({}), "Revoked"), ...errors },
});

export const getAutojoin = createRoute({
  method: "get",
  path: "/invitations/by-scope/{scopeType}/{scope}/autojoin",
  tags,
  security,
  summary: "A scope's autojoin domains and its autojoin invitation (or null)",
  request: { params: ScopeParams },
  responses: { 200: jsonContent(AutojoinResponse, "Autojoin"), ...errors },
});

export const configureAutojoin = createRoute({
  method: "post",
  path: "/invitations/autojoin",
  tags,
  security,
  summary: "Set a scope's autojoin domains",
  description:
    "A sync: listed domains are added, others removed; an empty list deactivates the autojoin invitation and " +
    "a non-empty one (re)activates it. Users whose e-mail is on a domain can accept it.",
  request: { body: jsonBody(ConfigureAutojoinBody, "The scope and its domains") },
  responses: {
    200: jsonContent(AutojoinResponse, "Autojoin as it now is"),
    ...errors,
    404: jsonContent(VortexErrorSchema, "Widget configuration not found"),
    429: jsonContent(
      VortexErrorSchema,
      "Creating the scope's autojoin invitation is past the organization's creation rate limit; see Retry-After",
    ),
  },
});
