import { createRoute, z } from "@hono/zod-openapi";
import { errorResponses, jsonContent, SECURITY_ADMIN } from "../../http/openapi";
import { HISTORY_UNAVAILABLE } from "../autodoc/requests.routes";
import {
  RequestHistoryQuery,
  RequestListSchema,
  UnauthenticatedCountsSchema,
} from "../autodoc/requests.schemas";
import { SlugParams } from "./organizations.routes";

const base = { tags: ["Operator"], security: SECURITY_ADMIN };

export const listOrganizationRequests = createRoute({
  ...base,
  method: "get",
  path: "/organizations/{slug}/requests",
  summary: "An organization's recent API requests in one mode, newest first",
  description:
    "What `GET /v1/autodoc/requests` shows the organization, for the operator: its AutoDoc and Vortex keys' " +
    "(and JWTs') requests in `mode`, over the last 30 days or 10,000 requests, whichever is fewer.",
  request: {
    params: SlugParams,
    query: RequestHistoryQuery.extend({ mode: z.enum(["live", "test"]).openapi({ example: "live" }) }),
  },
  responses: {
    200: jsonContent(RequestListSchema, "A page of requests"),
    ...errorResponses(400, 401, 404),
    ...HISTORY_UNAVAILABLE,
  },
});

export const listOperatorRequests = createRoute({
  ...base,
  method: "get",
  path: "/requests",
  summary: "The operator API's own recent requests, newest first",
  description:
    "Requests made with the operator token (they select no organization, so they are kept here), over the " +
    "last 30 days or 10,000 requests, whichever is fewer.",
  request: { query: RequestHistoryQuery },
  responses: {
    200: jsonContent(RequestListSchema, "A page of requests"),
    ...errorResponses(400, 401),
    ...HISTORY_UNAVAILABLE,
  },
});

export const countUnauthenticatedRequests = createRoute({
  ...base,
  method: "get",
  path: "/unauthenticated-requests",
  summary: "Requests refused before authentication, counted per day, API and status",
  description:
    "A request that no credential let in (a missing or wrong key or token, or refused before the key was " +
    "checked) belongs to no organization: it is only counted here, over the last 30 days.",
  responses: {
    200: jsonContent(UnauthenticatedCountsSchema, "The counts, newest day first"),
    ...errorResponses(401),
    ...HISTORY_UNAVAILABLE,
  },
});
