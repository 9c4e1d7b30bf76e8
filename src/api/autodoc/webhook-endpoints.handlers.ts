import type { RouteHandler } from "@hono/zod-openapi";
import { openSecret, sealSecret } from "../../core/secret-box";
import { newToken } from "../../core/tokens";
import * as repo from "../../db/webhook-endpoints-repo";
import type { AppEnv } from "../../env";
import { ApiError } from "../../http/errors";
import type { WebhookEventType } from "../../webhooks/customer/event-types";
import { generateWebhookSecret } from "../../webhooks/standard-webhooks";
import { checkWebhookUrl } from "../../webhooks/url-policy";
import type * as routes from "./webhook-endpoints.routes";

function endpointView(row: repo.WebhookEndpointRow, secret?: string) {
  return {
    id: row.id,
    object: "webhook_endpoint" as const,
    url: row.url,
    events: row.events as WebhookEventType[],
    status: row.status,
    disabledReason: row.disabledReason,
    ...(secret === undefined ? {} : { secret }),
    createdAt: row.createdAt.toISOString(),
  };
}

export const create: RouteHandler<typeof routes.createWebhookEndpoint, AppEnv> = async (c) => {
  const body = c.req.valid("json");
  const target = checkWebhookUrl(body.url, c.env.ENVIRONMENT);
  if (!target.ok) {
    const details = [{ field: "url", message: target.reason }];
    throw new ApiError("validation_error", `url: ${target.reason}`, { details });
  }
  const secret = generateWebhookSecret();
  const row = await repo.insertWebhookEndpoint(c.var.db, {
    id: newToken("we"),
    organizationId: c.var.principal.organizationId,
    livemode: c.var.principal.livemode,
    url: target.url.toString(),
    events: [...new Set(body.events)],
    secretCiphertext: await sealSecret(c.env.SECRETS_KEY, secret),
    status: "enabled",
    createdAt: new Date(),
  });
  // Read back through the box once, so a wrong SECRETS_KEY fails here and not at the first delivery.
  if ((await openSecret(c.env.SECRETS_KEY, row.secretCiphertext)) !== secret)
    throw new Error("secret box mismatch");
  return c.json(endpointView(row, secret), 201);
};

export const list: RouteHandler<typeof routes.listWebhookEndpoints, AppEnv> = async (c) => {
  const rows = await repo.listWebhookEndpoints(c.var.db, c.var.principal);
  return c.json({ object: "list" as const, data: rows.map((row) => endpointView(row)) }, 200);
};

export const remove: RouteHandler<typeof routes.deleteWebhookEndpoint, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  if (!(await repo.deleteWebhookEndpoint(c.var.db, c.var.principal, id))) {
    throw new ApiError("not_found", `No webhook endpoint "${id}".`);
  }
  return c.json({ id, object: "webhook_endpoint" as const, deleted: true as const }, 200);
};
