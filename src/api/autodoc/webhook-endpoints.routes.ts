import { createRoute, z } from "@hono/zod-openapi";
import { MAX_WEBHOOK_ENDPOINTS } from "../../db/webhook-endpoints-repo";
import { errorResponses, jsonBody, jsonContent, listOf, SECURITY_PRIVATE_KEY } from "../../http/openapi";
import { WEBHOOK_EVENT_TYPES } from "../../webhooks/customer/event-types";

export const WebhookEndpointSchema = z
  .object({
    id: z.string().openapi({ example: "we_3Kd8Lq2Wm5Xz9Vb1Nc7Rt4Ps" }),
    object: z.literal("webhook_endpoint"),
    url: z.string().openapi({ example: "https://example.com/hooks/autodoc" }),
    events: z.array(z.enum(WEBHOOK_EVENT_TYPES)),
    status: z.enum(["enabled", "disabled"]),
    disabledReason: z.string().nullable(),
    secret: z.string().optional().openapi({
      example: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
      description: "Signing secret (Standard Webhooks). Returned once, at creation.",
    }),
    createdAt: z.string().openapi({ example: "2026-11-22T10:00:00.000Z" }),
  })
  .openapi("WebhookEndpoint");

const CreateWebhookEndpointBody = z
  .strictObject({
    url: z.string().max(2048).openapi({ example: "https://example.com/hooks/autodoc" }),
    events: z
      .array(z.enum(WEBHOOK_EVENT_TYPES))
      .min(1)
      // Longer than the list of types means a type named twice.
      .max(WEBHOOK_EVENT_TYPES.length)
      .openapi({ example: ["invitation.sent", "invitation.started"] }),
  })
  .openapi("CreateWebhookEndpoint");

const IdParams = z.object({
  id: z.string().openapi({ param: { name: "id", in: "path" }, example: "we_3Kd8Lq2Wm5Xz9Vb1Nc7Rt4Ps" }),
});

const tags = ["Webhooks"];
const security = SECURITY_PRIVATE_KEY;

export const createWebhookEndpoint = createRoute({
  method: "post",
  path: "/webhook_endpoints",
  tags,
  security,
  summary: "Subscribe an https endpoint to invitation events",
  description:
    "Events are POSTed as `{type, timestamp, data: <invitation>}` and signed per Standard Webhooks " +
    "(`webhook-id`, `webhook-timestamp`, `webhook-signature: v1,<base64 HMAC-SHA256 of id.timestamp.body>`). " +
    "Failed deliveries are retried with backoff for about a day; a 410 answer disables the endpoint. " +
    `An organization has at most ${MAX_WEBHOOK_ENDPOINTS} endpoints per mode (disabled ones count); one ` +
    "more is refused with 422 `limit_reached`.",
  request: { body: jsonBody(CreateWebhookEndpointBody, "Where to send which events") },
  responses: {
    201: jsonContent(WebhookEndpointSchema, "The endpoint, with its secret"),
    ...errorResponses(400, 401, 422),
  },
});

export const listWebhookEndpoints = createRoute({
  method: "get",
  path: "/webhook_endpoints",
  tags,
  security,
  summary: "List webhook endpoints",
  responses: {
    200: jsonContent(listOf(WebhookEndpointSchema), "The endpoints"),
    ...errorResponses(401),
  },
});

export const deleteWebhookEndpoint = createRoute({
  method: "delete",
  path: "/webhook_endpoints/{id}",
  tags,
  security,
  summary: "Delete a webhook endpoint",
  request: { params: IdParams },
  responses: {
    200: jsonContent(
      z.object({ id: z.string(), object: z.literal("webhook_endpoint"), deleted: z.literal(true) }),
      "Deleted",
    ),
    ...errorResponses(401, 404),
  },
});
