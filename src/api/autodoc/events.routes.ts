import { createRoute, z } from "@hono/zod-openapi";
import { errorResponses, jsonBody, jsonContent, listOf, SECURITY_PRIVATE_KEY } from "../../http/openapi";
import { InvitationSchema, InvitationTokenParams } from "./invitations.schemas";

/** What an event records, by type; a provider event may add the provider's own fields beside these. */
const TimelineEventData = z
  .looseObject({
    attempt: z.number().int().optional().openapi({ description: "The send attempt (1 for the first send)." }),
    provider: z
      .string()
      .nullable()
      .optional()
      .openapi({ description: "resend, twilio, cloudflare, outbox, simulation." }),
    messageId: z.string().nullable().optional().openapi({ description: "The provider's id of the message." }),
    reason: z
      .string()
      .optional()
      .openapi({ description: "Why a send failed, or why a webhook was given up." }),
    permanent: z.boolean().optional().openapi({ description: "A failure that will not be retried." }),
    retryInSeconds: z
      .number()
      .int()
      .optional()
      .openapi({ description: "When a transient failure is retried." }),
    channel: z.enum(["email", "sms"]).optional(),
    workflowToken: z.string().optional(),
    dialect: z.literal("vortex").optional(),
    widgetConfigurationId: z.string().optional(),
    count: z.number().int().optional().openapi({ description: "Clicks a `link.clicked` event counts." }),
    implied: z.boolean().optional().openapi({ description: "An open implied by a later visitor event." }),
    dossierId: z.string().optional(),
    acceptId: z.string().optional(),
    target: z.string().optional().openapi({ description: "The type of the target that accepted." }),
    isExisting: z.boolean().nullable().optional(),
    webhookId: z.string().optional(),
    event: z.string().optional().openapi({ description: "The webhook event type." }),
    status: z.string().optional().openapi({ description: "The provider's own status word (Twilio)." }),
    errorCode: z.string().optional().openapi({ description: "The provider's error code (Twilio)." }),
  })
  .openapi("TimelineEventData", { example: { attempt: 1, provider: "resend", messageId: "4ef9a417" } });

const TimelineEventSchema = z
  .object({
    id: z.string().openapi({ example: "evt_5Yh2Qm8Lx1Wc4Vb7Nn3Rt6Pz" }),
    type: z.string().openapi({
      example: "send.accepted",
      description:
        "invitation.created, send.accepted, send.failed, provider.delivered, provider.opened, provider.bounced, " +
        "provider.complained, link.opened, invitation.resent, visitor.started, visitor.completed, visitor.rejected, " +
        "invitation.expired, webhook.delivered, webhook.failed, …",
    }),
    occurredAt: z.string().openapi({ example: "2026-11-22T10:00:01.000Z" }),
    data: TimelineEventData,
  })
  .openapi("TimelineEvent");

const VisitorEventBody = z
  .strictObject({
    type: z.enum(["started", "completed", "rejected"]),
    dossierId: z.string().min(1).max(255).optional().openapi({ example: "dos_8842" }),
  })
  .openapi("VisitorEvent");

export const recordVisitorEvent = createRoute({
  method: "post",
  path: "/invitations/{token}/events",
  tags: ["Invitations"],
  security: SECURITY_PRIVATE_KEY,
  summary: "Report what the recipient did in the visitor app",
  description:
    "Moves the invitation forward to `started`, `completed` or `rejected` and records the time; `started` from a " +
    "link that was never opened also counts as `opened`. A repeated report changes nothing.",
  request: { params: InvitationTokenParams, body: jsonBody(VisitorEventBody, "The visitor-app event") },
  responses: { 200: jsonContent(InvitationSchema, "The invitation"), ...errorResponses(400, 401, 404) },
});

export const listTimeline = createRoute({
  method: "get",
  path: "/invitations/{token}/events",
  tags: ["Invitations"],
  security: SECURITY_PRIVATE_KEY,
  summary: "The invitation's timeline, oldest first",
  request: { params: InvitationTokenParams },
  responses: {
    200: jsonContent(listOf(TimelineEventSchema), "The timeline"),
    ...errorResponses(401, 404),
  },
});
