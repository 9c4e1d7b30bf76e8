import { createRoute, z } from "@hono/zod-openapi";
import { VORTEX_WEBHOOK_EVENT_TYPES } from "../../core/webhook-audience";
import { MAX_WEBHOOK_ENDPOINTS } from "../../db/webhook-endpoints-repo";
import { errorResponses, jsonBody, jsonContent, listOf, SECURITY_ADMIN } from "../../http/openapi";
import { SlugParams } from "./organizations.routes";

const tags = ["Operator"];
const security = SECURITY_ADMIN;

export const VortexWebhookSchema = z
  .object({
    id: z.string().openapi({ example: "vwh_3Kd8Lq2Wm5Xz9Vb1Nc7Rt4Ps" }),
    object: z.literal("vortex_webhook"),
    url: z.string().openapi({ example: "https://app.example.com/webhooks/vortex" }),
    events: z.array(z.enum(VORTEX_WEBHOOK_EVENT_TYPES)),
    mode: z.enum(["live", "test"]),
    status: z.enum(["enabled", "disabled"]),
    disabledReason: z.string().nullable(),
    secret: z
      .string()
      .optional()
      .openapi({
        example: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
        description:
          "Signing secret: `X-Vortex-Signature` is the lowercase hex HMAC-SHA256 of the raw body keyed with " +
          "this string (UTF-8, not decoded). Returned once, at creation.",
      }),
    createdAt: z.string().openapi({ example: "2026-11-22T10:00:00.000Z" }),
  })
  .openapi("VortexWebhook");

const CreateVortexWebhookBody = z
  .strictObject({
    url: z.string().max(2048).openapi({ example: "https://app.example.com/webhooks/vortex" }),
    events: z
      .array(z.enum(VORTEX_WEBHOOK_EVENT_TYPES))
      .min(1)
      // Longer than the list of types means a type named twice.
      .max(VORTEX_WEBHOOK_EVENT_TYPES.length)
      .optional()
      .openapi({
        example: ["invitation.accepted", "invitation.email.bounced"],
        description: "The Vortex event types to send; all of them when absent.",
      }),
    mode: z.enum(["live", "test"]).default("live").openapi({
      description: "The invitations of which mode (Vortex key) this endpoint hears about.",
    }),
  })
  .openapi("CreateVortexWebhook");

const IdParams = SlugParams.extend({
  id: z.string().openapi({ param: { name: "id", in: "path" }, example: "vwh_3Kd8Lq2Wm5Xz9Vb1Nc7Rt4Ps" }),
});

const Deleted = z.object({ id: z.string(), object: z.literal("vortex_webhook"), deleted: z.literal(true) });

export const createVortexWebhook = createRoute({
  method: "post",
  path: "/organizations/{slug}/vortex-webhooks",
  tags,
  security,
  summary: "Subscribe an endpoint to Vortex webhook events (secret shown once)",
  description:
    "Vortex invitations' state changes are POSTed as Vortex state-change events " +
    "(`{id, type, timestamp, accountId, environmentId, sourceTable, operation, data}`) signed with " +
    "`X-Vortex-Signature`, so `VortexWebhooks.constructEvent` of the official SDKs verifies them. Failed " +
    "deliveries are retried with backoff for about a day; a 410 answer disables the endpoint. An " +
    `organization has at most ${MAX_WEBHOOK_ENDPOINTS} Vortex webhooks per mode (disabled ones count); ` +
    "one more is refused with 422 `limit_reached`.",
  request: { params: SlugParams, body: jsonBody(CreateVortexWebhookBody, "Where to send which events") },
  responses: {
    201: jsonContent(VortexWebhookSchema, "The endpoint, with its secret"),
    ...errorResponses(400, 401, 404, 422),
  },
});

export const listVortexWebhooks = createRoute({
  method: "get",
  path: "/organizations/{slug}/vortex-webhooks",
  tags,
  security,
  summary: "List Vortex webhook endpoints (both modes, without secrets)",
  request: { params: SlugParams },
  responses: {
    200: jsonContent(listOf(VortexWebhookSchema), "The endpoints"),
    ...errorResponses(401, 404),
  },
});

export const deleteVortexWebhooks = createRoute({
  method: "delete",
  path: "/organizations/{slug}/vortex-webhooks",
  tags,
  security,
  summary: "Delete every Vortex webhook endpoint of the organization",
  request: { params: SlugParams },
  responses: {
    200: jsonContent(listOf(Deleted), "Deleted"),
    ...errorResponses(401, 404),
  },
});

export const deleteVortexWebhook = createRoute({
  method: "delete",
  path: "/organizations/{slug}/vortex-webhooks/{id}",
  tags,
  security,
  summary: "Delete a Vortex webhook endpoint",
  request: { params: IdParams },
  responses: { 200: jsonContent(Deleted, "Deleted"), ...errorResponses(401, 404) },
});
