import { z } from "@hono/zod-openapi";
import { credentialFields, credentialRoutes } from "./credentials.schemas";

const ApiKeySchema = z
  .object({
    id: z.string().openapi({ example: "key_9ZtQw1Lm4Xc7Vb2Nn6Rp0Ks3" }),
    object: z.literal("api_key"),
    key: z.string().optional().openapi({
      example: "sk_test_3hTz8QpL0bWm5YcN2vKd7RfX",
      description: "The secret key. Returned once, at creation; only its hash is stored.",
    }),
    last4: z.string().openapi({ example: "7RfX" }),
    ...credentialFields,
  })
  .openapi("ApiKey");

const routes = credentialRoutes({
  segment: "keys",
  noun: "private API key",
  schema: ApiKeySchema,
  listName: "ApiKeyList",
  idExample: "key_9ZtQw1Lm4Xc7Vb2Nn6Rp0Ks3",
});
export const createKey = routes.create;
export const listKeys = routes.list;
export const revokeKey = routes.revoke;
