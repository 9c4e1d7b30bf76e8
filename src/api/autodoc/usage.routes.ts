import { createRoute, z } from "@hono/zod-openapi";
import { errorResponses, jsonContent, SECURITY_PRIVATE_KEY } from "../../http/openapi";

const Quantity = z.object({
  meter: z.enum(["send.email", "send.sms"]),
  quantity: z.number().int().openapi({ example: 42 }),
});

export const UsageSchema = z
  .object({
    object: z.literal("usage"),
    from: z.string().openapi({ example: "2026-11-01T00:00:00.000Z" }),
    to: z.string().openapi({ example: "2026-12-01T00:00:00.000Z" }),
    totals: z.array(Quantity),
    days: z.array(Quantity.extend({ date: z.string().openapi({ example: "2026-11-22" }) })),
  })
  .openapi("Usage");

export const getUsage = createRoute({
  method: "get",
  path: "/usage",
  tags: ["Billing"],
  security: SECURITY_PRIVATE_KEY,
  summary: "Billable sends per meter and per day (live keys)",
  description:
    "Every send a provider accepted in live mode, the first and each resend, counts once on `send.email` or " +
    "`send.sms`. Test mode is never billed, so test keys get 403. The range defaults to the current UTC month.",
  request: {
    query: z.object({
      from: z.iso.datetime({ offset: true }).optional().openapi({ example: "2026-11-01T00:00:00Z" }),
      to: z.iso.datetime({ offset: true }).optional().openapi({ example: "2026-12-01T00:00:00Z" }),
    }),
  },
  responses: {
    200: jsonContent(UsageSchema, "Totals per meter and per day"),
    ...errorResponses(400, 401, 403),
  },
});
