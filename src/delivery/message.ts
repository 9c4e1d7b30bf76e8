import { z } from "zod";

/**
 * One message on the `deliveries` queue = one send of one invitation. `attempt` is the send's number
 * (deliveryAttempts + 1 when it was enqueued): with the invitation token it keys the send, so a message
 * that the queue delivers twice can never send twice.
 */
export const DeliveryMessageSchema = z.object({
  v: z.literal(1),
  invitationToken: z.string().min(1),
  attempt: z.number().int().min(1),
});
export type DeliveryMessage = z.infer<typeof DeliveryMessageSchema>;

export function deliveryMessage(invitationToken: string, attempt: number): DeliveryMessage {
  return { v: 1, invitationToken, attempt };
}

/** The provider idempotency key and billing key of a send. */
export function sendKey(message: DeliveryMessage): string {
  return `${message.invitationToken}:${message.attempt}`;
}
