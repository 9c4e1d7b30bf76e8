import type { RouteHandler } from "@hono/zod-openapi";
import type { Context } from "hono";
import { listByScope as listRowsByScope } from "../../db/vortex-scope-repo";
import { renderInvitations } from "../../dialects/vortex/render";
import type { AppEnv } from "../../env";
import { commitContext } from "../../http/commit-context";
import { deactivate } from "../../invitations/deactivate";
import { SCOPE_LISTING_LIMIT, withinLimit } from "./listing";
import type * as routes from "./scope.routes";

async function list(c: Context<AppEnv>, groupType: string, groupId: string) {
  const read = await listRowsByScope(c.var.db, c.var.principal, groupType, groupId, SCOPE_LISTING_LIMIT);
  return { invitations: await renderInvitations(c.var.db, withinLimit(c, read, SCOPE_LISTING_LIMIT)) };
}

/** Revokes every active invitation of the scope, however many; each gets its `invitation.deactivated` event. */
async function revokeAll(c: Context<AppEnv>, groupType: string, groupId: string) {
  await deactivate(commitContext(c), c.var.principal, { groupType, groupId }, "scope_deleted", new Date());
  return {};
}

export const listByScope: RouteHandler<typeof routes.listByScope, AppEnv> = async (c) => {
  const { scopeType, scope } = c.req.valid("param");
  return c.json(await list(c, scopeType, scope), 200);
};

export const deleteByScope: RouteHandler<typeof routes.deleteByScope, AppEnv> = async (c) => {
  const { scopeType, scope } = c.req.valid("param");
  return c.json(await revokeAll(c, scopeType, scope), 200);
};

export const listByGroup: RouteHandler<typeof routes.listByGroup, AppEnv> = async (c) => {
  const { groupType, groupId } = c.req.valid("param");
  return c.json(await list(c, groupType, groupId), 200);
};

export const deleteByGroup: RouteHandler<typeof routes.deleteByGroup, AppEnv> = async (c) => {
  const { groupType, groupId } = c.req.valid("param");
  return c.json(await revokeAll(c, groupType, groupId), 200);
};
