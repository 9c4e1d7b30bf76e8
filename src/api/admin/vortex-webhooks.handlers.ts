import type { RouteHandler } from "@hono/zod-openapi";
import { newToken } from "../../core/tokens";
import { VORTEX_WEBHOOK_EVENT_TYPES, type VortexWebhookEventType } from "../../core/webhook-audience";
import * as repo from "../../db/webhook-endpoints-repo";
import type { AppEnv } from "../../env";
import { ApiError } from "../../http/errors";
import {
  endpointFields,
  endpointLimitReached,
  newSealedWebhookSecret,
  requireWebhookUrl,
} from "../../http/webhook-endpoint-input";
import { requireOrganization } from "./require-organization";
import type * as routes from "./vortex-webhooks.routes";

function webhookView(row: repo.WebhookEndpointRow, secret?: string) {
  return {
    object: "vortex_webhook" as const,
    mode: row.livemode ? ("live" as const) : ("test" as const),
    ...endpointFields<VortexWebhookEventType>(row, secret),
  };
}

const deleted = (id: string) => ({ id, object: "vortex_webhook" as const, deleted: true as const });

/** Same URL policy and sealed secret as AutoDoc endpoints; stored as `format = 'vortex'`. */
export const create: RouteHandler<typeof routes.createVortexWebhook, AppEnv> = async (c) => {
  const { slug } = c.req.valid("param");
  const body = c.req.valid("json");
  const organization = await requireOrganization(c.var.db, slug);
  const url = requireWebhookUrl(body.url, c.env.ENVIRONMENT);
  const { secret, ciphertext } = await newSealedWebhookSecret(c.env.SECRETS_KEY);
  const livemode = body.mode === "live";
  const row = await repo.insertWebhookEndpointWithinCap(c.var.db, {
    id: newToken("vwh"),
    organizationId: organization.id,
    livemode,
    url: url.toString(),
    events: [...new Set(body.events ?? VORTEX_WEBHOOK_EVENT_TYPES)],
    secretCiphertext: ciphertext,
    status: "enabled",
    format: "vortex",
    createdAt: new Date(),
  });
  if (!row) {
    const removal = `DELETE /admin/organizations/${slug}/vortex-webhooks/{id}`;
    const owner = `Organization "${slug}"`;
    throw endpointLimitReached({ owner, endpoints: "Vortex webhooks", removal }, livemode);
  }
  return c.json(webhookView(row, secret), 201);
};

export const list: RouteHandler<typeof routes.listVortexWebhooks, AppEnv> = async (c) => {
  const { slug } = c.req.valid("param");
  const organization = await requireOrganization(c.var.db, slug);
  const rows = await repo.listVortexWebhookEndpoints(c.var.db, organization.id);
  return c.json({ object: "list" as const, data: rows.map((row) => webhookView(row)) }, 200);
};

export const removeAll: RouteHandler<typeof routes.deleteVortexWebhooks, AppEnv> = async (c) => {
  const { slug } = c.req.valid("param");
  const organization = await requireOrganization(c.var.db, slug);
  const ids = await repo.deleteVortexWebhookEndpoints(c.var.db, organization.id);
  return c.json({ object: "list" as const, data: ids.map(deleted) }, 200);
};

export const remove: RouteHandler<typeof routes.deleteVortexWebhook, AppEnv> = async (c) => {
  const { slug, id } = c.req.valid("param");
  const organization = await requireOrganization(c.var.db, slug);
  const [removed] = await repo.deleteVortexWebhookEndpoints(c.var.db, organization.id, id);
  if (!removed) throw new ApiError("not_found", `No Vortex webhook "${id}" in organization "${slug}".`);
  return c.json(deleted(removed), 200);
};
