import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../env";
import { readHistory } from "../../request-history/read";
import type { listRequests } from "./requests.routes";

/** The calling organization's history in the calling key's mode: nothing of another organization or mode. */
export const list: RouteHandler<typeof listRequests, AppEnv> = async (c) => {
  const { organizationId, livemode } = c.var.principal;
  return c.json(await readHistory(c.env, { organizationId, livemode }, c.req.valid("query")), 200);
};
