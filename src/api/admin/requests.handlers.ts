import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../env";
import { readHistory, readUnauthenticatedCounts } from "../../request-history/read";
import type {
  countUnauthenticatedRequests,
  listOperatorRequests,
  listOrganizationRequests,
} from "./requests.routes";
import { requireOrganization } from "./require-organization";

/** An organization's history in the mode asked for: its AutoDoc keys', JWTs' and Vortex keys' requests. */
export const listOrganization: RouteHandler<typeof listOrganizationRequests, AppEnv> = async (c) => {
  const { slug } = c.req.valid("param");
  const { mode, ...read } = c.req.valid("query");
  const organization = await requireOrganization(c.var.db, slug);
  const owner = { organizationId: organization.id, livemode: mode === "live" };
  return c.json(await readHistory(c.env, owner, read), 200);
};

/** The operator token's own requests (they select no organization). */
export const listOperator: RouteHandler<typeof listOperatorRequests, AppEnv> = async (c) => {
  return c.json(await readHistory(c.env, "operator", c.req.valid("query")), 200);
};

/** The requests no credential let in, counted per day, API and status. */
export const countUnauthenticated: RouteHandler<typeof countUnauthenticatedRequests, AppEnv> = async (c) => {
  return c.json(await readUnauthenticatedCounts(c.env), 200);
};
