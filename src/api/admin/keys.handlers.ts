import type { RouteHandler } from "@hono/zod-openapi";
import { newToken, sha256Hex } from "../../core/tokens";
import { type ApiKeyRow, insertApiKey, revokeApiKey } from "../../db/api-keys-repo";
import type { Database } from "../../db/client";
import { findOrganizationBySlug } from "../../db/organizations-repo";
import type { AppEnv } from "../../env";
import { ApiError } from "../../http/errors";
import { forgetPrincipals } from "../../http/principal-cache";
import type { createKey, revokeKey } from "./keys.routes";

function keyView(row: ApiKeyRow, secret?: string) {
  return {
    id: row.id,
    object: "api_key" as const,
    ...(secret === undefined ? {} : { key: secret }),
    last4: row.last4,
    mode: row.livemode ? ("live" as const) : ("test" as const),
    createdAt: row.createdAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

async function requireOrganization(db: Database, slug: string) {
  const organization = await findOrganizationBySlug(db, slug);
  if (!organization) throw new ApiError("not_found", `No organization with slug "${slug}".`);
  return organization;
}

export const create: RouteHandler<typeof createKey, AppEnv> = async (c) => {
  const { slug } = c.req.valid("param");
  const { mode } = c.req.valid("json");
  const organization = await requireOrganization(c.var.db, slug);
  const secret = newToken(`sk_${mode}`, 32);
  const row = await insertApiKey(c.var.db, {
    id: newToken("key"),
    organizationId: organization.id,
    livemode: mode === "live",
    secretHash: await sha256Hex(secret),
    last4: secret.slice(-4),
    createdAt: new Date(),
  });
  return c.json(keyView(row, secret), 201);
};

export const revoke: RouteHandler<typeof revokeKey, AppEnv> = async (c) => {
  const { slug, id } = c.req.valid("param");
  const organization = await requireOrganization(c.var.db, slug);
  const row = await revokeApiKey(c.var.db, organization.id, id, new Date());
  forgetPrincipals();
  if (!row) throw new ApiError("not_found", `No active key "${id}" in organization "${slug}".`);
  return c.json(keyView(row), 200);
};
