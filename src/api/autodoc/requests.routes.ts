import { createRoute } from "@hono/zod-openapi";
import { ErrorBodySchema } from "../../http/errors";
import { errorResponses, jsonContent, SECURITY_PRIVATE_KEY } from "../../http/openapi";
import { RequestHistoryQuery, RequestListSchema } from "./requests.schemas";

/** A history that does not answer is our fault for a moment, not the caller's. */
export const HISTORY_UNAVAILABLE = {
  503: jsonContent(
    ErrorBodySchema,
    "`service_unavailable`: the request history did not answer; retry shortly.",
  ),
};

export const listRequests = createRoute({
  method: "get",
  path: "/requests",
  tags: ["Requests"],
  security: SECURITY_PRIVATE_KEY,
  summary: "Your recent API requests, newest first",
  description:
    "Every request this organization made in this key's mode, to the AutoDoc and the Vortex API, over the " +
    "last 30 days or the last 10,000 requests, whichever is fewer: method, path and route, status, duration, " +
    "error code, user agent, request id and which credential. Never a body, a secret or a client IP; " +
    "token-bearing query values read `REDACTED`. A request shows up within about two seconds.",
  request: { query: RequestHistoryQuery },
  responses: {
    200: jsonContent(RequestListSchema, "A page of requests"),
    ...errorResponses(400, 401),
    ...HISTORY_UNAVAILABLE,
  },
});
