import type { RouteHandler } from "@hono/zod-openapi";
import { sha256Hex, toBase64Url } from "../../core/encoding";
import { sealSecret } from "../../core/secret-box";
import { insertVortexKey, listVortexKeys, revokeVortexKey } from "../../db/vortex-keys-repo";
import type { AppEnv } from "../../env";
import { deriveSigningKey, generateVortexKey } from "../../vortex/api-key";
import { type CredentialStore, credentialView, listCredentials, revokeCredential } from "./credentials";
import { requireOrganization } from "./require-organization";
import type * as routes from "./vortex-keys.routes";

const vortexKeys = {
  object: "vortex_key",
  noun: "Vortex key",
  list: listVortexKeys,
  revoke: revokeVortexKey,
} satisfies CredentialStore<"vortex_key", string | null>;

/**
 * A Vortex key is shown once. We keep its hash (to authenticate it) and, sealed under SECRETS_KEY, the
 * signing key the clients derive from it to sign tokens offline (generateToken, generateJwt, sign): no route
 * reads those tokens yet (Vortex's widget sends them to its client API), but without the key none could.
 */
export const create: RouteHandler<typeof routes.createVortexKey, AppEnv> = async (c) => {
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
    last4: key.slice(-4),
    createdAt: new Date(),
  });
  return c.json(credentialView(vortexKeys.object, row, key), 201);
};

export const list: RouteHandler<typeof routes.listVortexKeys, AppEnv> = async (c) => {
  const { slug } = c.req.valid("param");
  return c.json(await listCredentials(c.var.db, slug, c.req.valid("query"), vortexKeys), 200);
};

export const revoke: RouteHandler<typeof routes.revokeVortexKey, AppEnv> = async (c) => {
  const { slug, id } = c.req.valid("param");
  return c.json(await revokeCredential(c.var.db, slug, id, vortexKeys), 200);
};
