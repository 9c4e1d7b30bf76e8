import type { RouteHandler } from "@hono/zod-openapi";
import { sealSecret } from "../../core/secret-box";
import { sha256Hex } from "../../core/tokens";
import type { Database } from "../../db/client";
import { findOrganizationBySlug } from "../../db/organizations-repo";
import { insertVortexKey } from "../../db/vortex-keys-repo";
import * as configs from "../../db/widget-configurations-repo";
import type { AppEnv } from "../../env";
import { ApiError } from "../../http/errors";
import { deriveSigningKey, generateVortexKey, toBase64Url } from "../../vortex/api-key";
import type * as routes from "./vortex.routes";

export async function requireOrganization(db: Database, slug: string) {
  const organization = await findOrganizationBySlug(db, slug);
  if (!organization) throw new ApiError("not_found", `No organization with slug "${slug}".`);
  return organization;
}

function configurationView(row: configs.WidgetConfigurationRow) {
  return {
    id: row.id,
    object: "widget_configuration" as const,
    name: row.name,
    landingUrl: row.landingUrl,
    invitationType: row.invitationType,
    emailSubject: row.emailSubject,
    emailTemplate: row.emailTemplate,
    unfurlDefaults: row.unfurlDefaults,
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * A Vortex key is shown once. We keep its hash (to authenticate it) and its derived signing key, sealed
 * under SECRETS_KEY, so that tokens the clients sign offline (generateToken, generateJwt, sign) can be verified.
 */
export const createKey: RouteHandler<typeof routes.createVortexKey, AppEnv> = async (c) => {
  const { slug } = c.req.valid("param");
  const { mode } = c.req.valid("json");
  const organization = await requireOrganization(c.var.db, slug);
  const { key, kid } = generateVortexKey();
  const secret = key.split(".")[2] ?? "";
  const signingKey = await deriveSigningKey(secret, kid);
  const row = await insertVortexKey(c.var.db, {
    kid,
    organizationId: organization.id,
    livemode: mode === "live",
    secretHash: await sha256Hex(key),
    signingKeyCiphertext: await sealSecret(c.env.SECRETS_KEY, toBase64Url(signingKey)),
    createdAt: new Date(),
  });
  return c.json(
    { id: row.kid, object: "vortex_key" as const, key, mode, createdAt: row.createdAt.toISOString() },
    201,
  );
};

export const createConfiguration: RouteHandler<typeof routes.createWidgetConfiguration, AppEnv> = async (
  c,
) => {
  const { slug } = c.req.valid("param");
  const body = c.req.valid("json");
  const organization = await requireOrganization(c.var.db, slug);
  const row = await configs.insertWidgetConfiguration(c.var.db, {
    id: crypto.randomUUID(),
    organizationId: organization.id,
    name: body.name,
    landingUrl: body.landingUrl,
    invitationType: body.invitationType,
    emailSubject: body.emailSubject ?? null,
    emailTemplate: body.emailTemplate ?? null,
    unfurlDefaults: body.unfurlDefaults ?? null,
    createdAt: new Date(),
  });
  return c.json(configurationView(row), 201);
};

export const listConfigurations: RouteHandler<typeof routes.listWidgetConfigurations, AppEnv> = async (c) => {
  const { slug } = c.req.valid("param");
  const organization = await requireOrganization(c.var.db, slug);
  const rows = await configs.listWidgetConfigurations(c.var.db, organization.id);
  return c.json({ object: "list" as const, data: rows.map(configurationView) }, 200);
};
