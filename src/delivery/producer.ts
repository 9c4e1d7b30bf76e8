import { sendMessages } from "../queues/producer";
import type { DeliveryMessage } from "./message";

/** One send of one invitation on the `deliveries` queue. */
export async function enqueueDelivery(queue: Queue, message: DeliveryMessage): Promise<void> {
  await sendMessages(queue, [message]);
}

/** Any number of sends, split into batches the queue accepts. */
export async function enqueueDeliveries(queue: Queue, messages: DeliveryMessage[]): Promise<void> {
  await sendMessages(queue, messages);
}
