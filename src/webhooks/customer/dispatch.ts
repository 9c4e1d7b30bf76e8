import type { RecordedEvent } from "../../db/events-repo";
import { log } from "../../log";
import type { WebhookMessage } from "./message";

/**
 * Hands new webhook events to the `webhooks` queue for fan-out. A lost send is repaired: the minute
 * sweeper dispatches events still undispatched after a minute.
 */
export async function dispatchWebhookEvents(queue: Queue, events: RecordedEvent[]): Promise<void> {
  const messages: WebhookMessage[] = events
    .filter((event) => event.webhookType !== null)
    .map((event) => ({ v: 1, kind: "fanout", eventId: event.id }));
  if (messages.length === 0) return;
  try {
    await queue.sendBatch(messages.map((body) => ({ body, contentType: "json" as const })));
  } catch (error) {
    log("warn", "webhook_dispatch_failed", { events: messages.length, error: String(error) });
  }
}
