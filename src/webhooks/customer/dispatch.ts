import type { RecordedEvent } from "../../db/events-repo";
import { log } from "../../log";
import { sendMessages } from "../../queues/producer";
import type { FanoutMessage } from "./message";

/**
 * Hands webhook events to the `webhooks` queue for fan-out, any number of them. A lost send is repaired:
 * the minute sweeper dispatches events still undispatched after a minute, so a failure is logged here.
 */
export async function dispatchFanouts(queue: Queue, eventIds: number[]): Promise<void> {
  const messages = eventIds.map((eventId): FanoutMessage => ({ v: 1, kind: "fanout", eventId }));
  if (messages.length === 0) return;
  try {
    await sendMessages(queue, messages);
  } catch (error) {
    log("warn", "webhook_dispatch_failed", { events: messages.length, error: String(error) });
  }
}

/** The new events that have a webhook, handed to the queue for fan-out. */
export async function dispatchWebhookEvents(queue: Queue, events: RecordedEvent[]): Promise<void> {
  await dispatchFanouts(
    queue,
    events.filter((event) => event.webhookType !== null).map((event) => event.id),
  );
}
