import { z } from "@hono/zod-openapi";
import { credentialFields, credentialRoutes } from "./credentials.schemas";

const KID_EXAMPLE = "0b1e8d2c-5f6a-4c1b-9d3e-7a8b9c0d1e2f";

const VortexKeySchema = z
  .object({
    id: z.string().openapi({ example: KID_EXAMPLE, description: "The key's kid (a v4 UUID)." }),
    object: z.literal("vortex_key"),
    key: z.string().optional().openapi({
      example: "VRTX.Cx6NLF9qTBudPnqLnA0eLw.s3cr3t…",
      description: "The secret key. Returned once, at creation; only its hash is stored.",
    }),
    last4: z.string().nullable().openapi({
      example: "Xc7V",
      description: "The key's last four characters; null for keys created before they were kept.",
    }),
    ...credentialFields,
  })
  .openapi("VortexKey");

const routes = credentialRoutes({
  segment: "vortex-keys",
  noun: "Vortex API key",
  schema: VortexKeySchema,
  listName: "VortexKeyList",
  idExample: KID_EXAMPLE,
});
export const createVortexKey = routes.create;
export const listVortexKeys = routes.list;
export const revokeVortexKey = routes.revoke;
