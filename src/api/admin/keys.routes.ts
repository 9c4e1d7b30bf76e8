import { createRoute, z } from "@hono/zod-openapi";
import { errorResponses, jsonBody, jsonContent, SECURITY_ADMIN } from "../../http/openapi";
import {
  CreateCredentialBody,
  CredentialListQuery,
  credentialFields,
  credentialIdParams,
  credentialList,
} from "./credentials.schemas";
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
    ...credentialFields,
  })
  .openapi("ApiKey");

export const createKey = createRoute({
  method: "post",
  path: "/organizations/{slug}/keys",
  tags: ["Operator"],
  summary: "Create a private API key (shown once)",
  security: SECURITY_ADMIN,
  request: { params: SlugParams, body: jsonBody(CreateCredentialBody, "Live or test mode") },
  responses: {
    201: jsonContent(ApiKeySchema, "The key, with its secret"),
    ...errorResponses(400, 401, 404),
  },
});

export const listKeys = createRoute({
  method: "get",
  path: "/organizations/{slug}/keys",
  tags: ["Operator"],
  summary: "List private API keys (both modes, revoked ones too, never the secret)",
  security: SECURITY_ADMIN,
  request: { params: SlugParams, query: CredentialListQuery },
  responses: {
    200: jsonContent(credentialList(ApiKeySchema, "ApiKeyList"), "The keys, newest first"),
    ...errorResponses(400, 401, 404),
  },
});

export const revokeKey = createRoute({
  method: "delete",
  path: "/organizations/{slug}/keys/{id}",
  tags: ["Operator"],
  summary: "Revoke a private API key",
  description:
    "Refused at once by the instance that revoked it, and everywhere within the 30-second principal cache.",
  security: SECURITY_ADMIN,
  request: { params: credentialIdParams("key_9ZtQw1Lm4Xc7Vb2Nn6Rp0Ks3") },
  responses: {
    200: jsonContent(ApiKeySchema, "The revoked key (without its secret)"),
    ...errorResponses(401, 404),
  },
});
