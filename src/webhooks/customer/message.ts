import { z } from "zod";

/**
 * The `webhooks` queue carries two kinds of message: a fan-out (one event → one delivery per subscribed
 * endpoint: the repair of a lost dispatch, an event recorded before its subscribers were, or one with more
 * deliveries than a commit queues itself) and a delivery (one signed POST to one endpoint). Both carry
 * references only: every retry and every endpoint posts the bytes the event's first claim at the SendGate
 * kept, under the same `webhook-id`, and no message grows with the invitation's metadata.
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
    /**
     * Queued by the commit that recorded the event, in one sendBatch with all of the event's other
     * deliveries: its arrival shows the event dispatched, and its first read marks it so.
     */
    dispatches: z.boolean().optional(),
  }),
]);
export type WebhookMessage = z.infer<typeof WebhookMessageSchema>;
export type DeliverMessage = Extract<WebhookMessage, { kind: "deliver" }>;
export type FanoutMessage = Extract<WebhookMessage, { kind: "fanout" }>;
