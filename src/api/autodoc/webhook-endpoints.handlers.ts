import type { RouteHandler } from "@hono/zod-openapi";
import { newToken } from "../../core/tokens";
import * as repo from "../../db/webhook-endpoints-repo";
import type { AppEnv } from "../../env";
import { ApiError } from "../../http/errors";
import {
  endpointFields,
  endpointLimitReached,
  newSealedWebhookSecret,
  requireWebhookUrl,
} from "../../http/webhook-endpoint-input";
import type { WebhookEventType } from "../../webhooks/customer/event-types";
import type * as routes from "./webhook-endpoints.routes";

function endpointView(row: repo.WebhookEndpointRow, secret?: string) {
  return { object: "webhook_endpoint" as const, ...endpointFields<WebhookEventType>(row, secret) };
}

export const create: RouteHandler<typeof routes.createWebhookEndpoint, AppEnv> = async (c) => {
  const body = c.req.valid("json");
  const url = requireWebhookUrl(body.url, c.env.ENVIRONMENT);
  const { secret, ciphertext } = await newSealedWebhookSecret(c.env.SECRETS_KEY);
  const { organizationId, livemode } = c.var.principal;
  const row = await repo.insertWebhookEndpointWithinCap(c.var.db, {
    id: newToken("we"),
    organizationId,
    livemode,
    url: url.toString(),
    events: [...new Set(body.events)],
    secretCiphertext: ciphertext,
    status: "enabled",
    format: "standard",
    createdAt: new Date(),
  });
  if (!row) {
    const removal = "DELETE /v1/autodoc/webhook_endpoints/{id}";
    throw endpointLimitReached(
      { owner: "This organization", endpoints: "webhook endpoints", removal },
      livemode,
    );
  }
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
