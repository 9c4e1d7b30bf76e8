import { createRoute, z } from "@hono/zod-openapi";
import { errorResponses, jsonBody, jsonContent, listOf, SECURITY_PRIVATE_KEY } from "../../http/openapi";
import { InvitationSchema, InvitationTokenParams } from "./invitations.schemas";

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
    data: z.record(z.string(), z.unknown()).openapi({ example: { attempt: 1, provider: "resend" } }),
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
