import type { RouteHandler } from "@hono/zod-openapi";
import { sha256Hex } from "../../core/encoding";
import { newToken } from "../../core/tokens";
import { insertApiKey, listApiKeys, revokeApiKey } from "../../db/api-keys-repo";
import type { AppEnv } from "../../env";
import { type CredentialStore, credentialView, listCredentials, revokeCredential } from "./credentials";
import type { createKey, listKeys, revokeKey } from "./keys.routes";
import { requireOrganization } from "./require-organization";

const apiKeys = {
  object: "api_key",
  noun: "key",
  list: listApiKeys,
  revoke: revokeApiKey,
} satisfies CredentialStore<"api_key", string>;

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
  return c.json(credentialView(apiKeys.object, row, secret), 201);
};

export const list: RouteHandler<typeof listKeys, AppEnv> = async (c) => {
  const { slug } = c.req.valid("param");
  return c.json(await listCredentials(c.var.db, slug, c.req.valid("query"), apiKeys), 200);
};

export const revoke: RouteHandler<typeof revokeKey, AppEnv> = async (c) => {
  const { slug, id } = c.req.valid("param");
  return c.json(await revokeCredential(c.var.db, slug, id, apiKeys), 200);
};
