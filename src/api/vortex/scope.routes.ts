import { createRoute, z } from "@hono/zod-openapi";
import { jsonBody, jsonContent } from "../../http/openapi";
import { VortexInvitationSchema } from "./invitations.schemas";
import { SCOPE_LISTING_LIMIT, truncatedHeaders } from "./listing";
import { VORTEX_ROUTE, vortexErrors } from "./openapi";
import { AutojoinResponse, ConfigureAutojoinBody, GroupParams, ScopeParams } from "./scope.schemas";

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
  ...VORTEX_ROUTE,
  summary: "Active invitations of a scope (autojoin included)",
  request: { params: ScopeParams },
  responses: { 200: list, ...vortexErrors() },
});

export const deleteByScope = createRoute({
  method: "delete",
  path: "/invitations/by-scope/{scopeType}/{scope}",
  ...VORTEX_ROUTE,
  summary: "Revoke every invitation of a scope",
  description: "Every active invitation of the scope, however many (not only those a listing shows).",
  request: { params: ScopeParams },
  responses: { 200: jsonContent(z.object({}), "Revoked"), ...vortexErrors() },
});

export const listByGroup = createRoute({
  method: "get",
  path: "/invitations/by-group/{groupType}/{groupId}",
  ...VORTEX_ROUTE,
  summary: "Active invitations of a group (legacy path of by-scope)",
  request: { params: GroupParams },
  responses: { 200: list, ...vortexErrors() },
});

export const deleteByGroup = createRoute({
  method: "delete",
  path: "/invitations/by-group/{groupType}/{groupId}",
  ...VORTEX_ROUTE,
  summary: "Revoke every invitation of a group (legacy path of by-scope)",
  request: { params: GroupParams },
  responses: { 200: jsonContent(z.object({}), "Revoked"), ...vortexErrors() },
});

export const getAutojoin = createRoute({
  method: "get",
  path: "/invitations/by-scope/{scopeType}/{scope}/autojoin",
  ...VORTEX_ROUTE,
  summary: "A scope's autojoin domains and its autojoin invitation (or null)",
  request: { params: ScopeParams },
  responses: { 200: jsonContent(AutojoinResponse, "Autojoin"), ...vortexErrors() },
});

export const configureAutojoin = createRoute({
  method: "post",
  path: "/invitations/autojoin",
  ...VORTEX_ROUTE,
  summary: "Set a scope's autojoin domains",
  description:
    "A sync: listed domains are added, others removed; an empty list deactivates the autojoin invitation and " +
    "a non-empty one (re)activates it. Users whose e-mail is on a domain can accept it.",
  request: { body: jsonBody(ConfigureAutojoinBody, "The scope and its domains") },
  responses: {
    200: jsonContent(AutojoinResponse, "Autojoin as it now is"),
    ...vortexErrors({
      404: "Widget configuration not found",
      429: "Creating the scope's autojoin invitation is past the organization's creation rate limit; see Retry-After",
    }),
  },
});
