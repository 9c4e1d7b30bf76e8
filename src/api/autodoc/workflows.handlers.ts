import type { RouteHandler } from "@hono/zod-openapi";
import { newToken } from "../../core/tokens";
import * as repo from "../../db/workflows-repo";
import type { AppEnv } from "../../env";
import { ApiError } from "../../http/errors";
import type * as routes from "./workflows.routes";

function workflowView(row: repo.WorkflowRow) {
  return {
    token: row.token,
    object: "workflow" as const,
    name: row.name,
    archived: row.archived,
    createdAt: row.createdAt.toISOString(),
  };
}

function notFound(token: string): ApiError {
  return new ApiError("not_found", `No workflow "${token}".`);
}

export const create: RouteHandler<typeof routes.createWorkflow, AppEnv> = async (c) => {
  const body = c.req.valid("json");
  const { organizationId, livemode } = c.var.principal;
  const token = body.token ?? newToken("wf");
  const row = await repo.insertWorkflow(c.var.db, {
    organizationId,
    livemode,
    token,
    name: body.name,
    archived: false,
    createdAt: new Date(),
  });
  if (!row)
    throw new ApiError("conflict", `A workflow with token "${token}" already exists.`, { param: "token" });
  return c.json(workflowView(row), 201);
};

export const list: RouteHandler<typeof routes.listWorkflows, AppEnv> = async (c) => {
  const rows = await repo.listWorkflows(c.var.db, c.var.principal);
  return c.json({ object: "list" as const, data: rows.map(workflowView) }, 200);
};

export const get: RouteHandler<typeof routes.getWorkflow, AppEnv> = async (c) => {
  const { token } = c.req.valid("param");
  const row = await repo.findWorkflow(c.var.db, c.var.principal, token);
  if (!row) throw notFound(token);
  return c.json(workflowView(row), 200);
};

export const archive: RouteHandler<typeof routes.archiveWorkflow, AppEnv> = async (c) => {
  const { token } = c.req.valid("param");
  const row = await repo.archiveWorkflow(c.var.db, c.var.principal, token);
  if (!row) throw notFound(token);
  return c.json(workflowView(row), 200);
};
