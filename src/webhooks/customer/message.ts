import { z } from "zod";

/**
 * The `webhooks` queue carries two kinds of message: a fan-out (one event → one delivery per subscribed
 * endpoint) and a delivery (one signed POST to one endpoint). Both carry references only: a delivery posts
 * the payload stored on the event at fan-out, so every retry and every endpoint sends the same bytes under
 * the same `webhook-id`, and no message grows with the invitation's metadata.
 */
export const WebhookMessageSchema = z.discriminatedUnion("kind", [
  z.object({ v: z.literal(1), kind: z.literal("fanout"), eventId: z.number().int() }),
  z.object({
    v: z.literal(1),
    kind: z.literal("deliver"),
    webhookId: z.string(),
    eventId: z.number().int(),
    invitationToken: z.string(),
    endpointId: z.string(),
    type: z.string(),
  }),
]);
export type WebhookMessage = z.infer<typeof WebhookMessageSchema>;
export type DeliverMessage = Extract<WebhookMessage, { kind: "deliver" }>;
export type FanoutMessage = Extract<WebhookMessage, { kind: "fanout" }>;
