import type { DeliveryMessage } from "./message";

/** Queues accept at most 100 messages per sendBatch. */
const MAX_BATCH = 100;

export async function enqueueDelivery(queue: Queue, message: DeliveryMessage): Promise<void> {
  await queue.send(message, { contentType: "json" });
}

export async function enqueueDeliveries(queue: Queue, messages: DeliveryMessage[]): Promise<void> {
  for (let i = 0; i < messages.length; i += MAX_BATCH) {
    const chunk = messages.slice(i, i + MAX_BATCH).map((body) => ({ body, contentType: "json" as const }));
    await queue.sendBatch(chunk);
  }
}
