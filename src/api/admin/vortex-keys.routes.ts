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

const tags = ["Operator"];
const security = SECURITY_ADMIN;
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

export const createVortexKey = createRoute({
  method: "post",
  path: "/organizations/{slug}/vortex-keys",
  tags,
  security,
  summary: "Create a Vortex API key (shown once)",
  request: { params: SlugParams, body: jsonBody(CreateCredentialBody, "Live or test mode") },
  responses: { 201: jsonContent(VortexKeySchema, "The key"), ...errorResponses(400, 401, 404) },
});

export const listVortexKeys = createRoute({
  method: "get",
  path: "/organizations/{slug}/vortex-keys",
  tags,
  security,
  summary: "List Vortex API keys (both modes, revoked ones too, never the secret)",
  request: { params: SlugParams, query: CredentialListQuery },
  responses: {
    200: jsonContent(credentialList(VortexKeySchema, "VortexKeyList"), "The keys, newest first"),
    ...errorResponses(400, 401, 404),
  },
});

export const revokeVortexKey = createRoute({
  method: "delete",
  path: "/organizations/{slug}/vortex-keys/{id}",
  tags,
  security,
  summary: "Revoke a Vortex API key",
  description:
    "Refused at once by the instance that revoked it, and everywhere within the 30-second principal cache.",
  request: { params: credentialIdParams(KID_EXAMPLE) },
  responses: {
    200: jsonContent(VortexKeySchema, "The revoked key (without its secret)"),
    ...errorResponses(401, 404),
  },
});
