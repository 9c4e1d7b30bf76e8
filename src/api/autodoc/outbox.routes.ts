import { createRoute, z } from "@hono/zod-openapi";
import { errorResponses, jsonContent, listOf, pageLimit, SECURITY_PRIVATE_KEY } from "../../http/openapi";

export const OutboxMessageSchema = z
  .object({
    id: z.string().openapi({ example: "msg_2Fh8Kq1Lw9Zx4Vc7Bn3Mp6Rt" }),
    invitation: z.string().openapi({ example: "adi_7Hq2LxW9pRt4Vb8Nc3Mz5Ks1" }),
    attempt: z.number().int().openapi({ example: 1 }),
    channel: z.enum(["email", "sms"]),
    from: z.string().nullable().openapi({ example: '"Acme Corp" <acme@auto-doc.ai>' }),
    to: z.string().openapi({ example: "jane@example.com" }),
    replyTo: z.string().nullable().openapi({ example: "support@acme.example" }),
    subject: z.string().nullable().openapi({ example: "Acme Corp invites you to start Customer onboarding" }),
    html: z.string().nullable(),
    text: z.string(),
    createdAt: z.string().openapi({ example: "2026-11-22T10:00:01.000Z" }),
  })
  .openapi("OutboxMessage");

export const listOutbox = createRoute({
  method: "get",
  path: "/outbox",
  tags: ["Outbox"],
  security: SECURITY_PRIVATE_KEY,
  summary: "Messages the outbox provider kept instead of sending (test mode, local development)",
  request: {
    query: z.object({
      invitation: z.string().optional().openapi({ example: "adi_7Hq2LxW9pRt4Vb8Nc3Mz5Ks1" }),
      limit: pageLimit(),
    }),
  },
  responses: {
    200: jsonContent(listOf(OutboxMessageSchema), "Rendered messages, newest first"),
    ...errorResponses(400, 401),
  },
});
