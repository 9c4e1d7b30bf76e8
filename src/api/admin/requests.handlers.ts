import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../env";
import { readHistory, readUnauthenticatedCounts } from "../../request-history/read";
import type {
  countUnauthenticatedRequests,
  listOperatorRequests,
  listOrganizationRequests,
} from "./requests.routes";
import { requireOrganization } from "./require-organization";

export const listOrganization: RouteHandler<typeof listOrganizationRequests, AppEnv> = async (c) => {
  const { slug } = c.req.valid("param");
  const { mode, ...read } = c.req.valid("query");
  const organization = await requireOrganization(c.var.db, slug);
  const owner = { organizationId: organization.id, livemode: mode === "live" };
  return c.json(await readHistory(c.env, owner, read), 200);
};

export const listOperator: RouteHandler<typeof listOperatorRequests, AppEnv> = async (c) => {
  return c.json(await readHistory(c.env, "operator", c.req.valid("query")), 200);
};

export const countUnauthenticated: RouteHandler<typeof countUnauthenticatedRequests, AppEnv> = async (c) => {
  return c.json(await readUnauthenticatedCounts(c.env), 200);
};
