import { createRoute, z } from "@hono/zod-openapi";
import { errorResponses, jsonBody, jsonContent, SECURITY_ADMIN } from "../../http/openapi";
import { SlugParams } from "./organizations.routes";

const ApiKeySchema = z
  .object({
    id: z.string().openapi({ example: "key_9ZtQw1Lm4Xc7Vb2Nn6Rp0Ks3" }),
    object: z.literal("api_key"),
    key: z.string().optional().openapi({
      example: "sk_test_3hTz8QpL0bWm5YcN2vKd7RfX",
      description: "The secret key. Returned once, at creation; only its hash is stored.",
    }),
    last4: z.string().openapi({ example: "7RfX" }),
    mode: z.enum(["live", "test"]),
    createdAt: z.string().openapi({ example: "2026-11-22T10:00:00.000Z" }),
    revokedAt: z.string().nullable(),
  })
  .openapi("ApiKey");

const CreateKeyBody = z.strictObject({ mode: z.enum(["live", "test"]).openapi({ example: "test" }) });

export const createKey = createRoute({
  method: "post",
  path: "/organizations/{slug}/keys",
  tags: ["Operator"],
  summary: "Create a private API key (shown once)",
  security: SECURITY_ADMIN,
  request: { params: SlugParams, body: jsonBody(CreateKeyBody, "Live or test mode") },
  responses: {
    201: jsonContent(ApiKeySchema, "The key, with its secret"),
    ...errorResponses(400, 401, 404),
  },
});

export const revokeKey = createRoute({
  method: "delete",
  path: "/organizations/{slug}/keys/{id}",
  tags: ["Operator"],
  summary: "Revoke a private API key",
  security: SECURITY_ADMIN,
  request: {
    params: SlugParams.extend({
      id: z.string().openapi({ param: { name: "id", in: "path" }, example: "key_9ZtQw1Lm4Xc7Vb2Nn6Rp0Ks3" }),
    }),
  },
  responses: {
    200: jsonContent(ApiKeySchema, "The revoked key (without its secret)"),
    ...errorResponses(401, 404),
  },
});
