import type { RecordedEvent } from "../../db/timeline";
import { messageBytes, QUEUE_LIMITS } from "../../queues/producer";
import type { DeliverMessage, FanoutMessage } from "./message";

/** What a commit hands the webhooks queue for the events it recorded. */
export interface DispatchPlan {
  /** Deliveries queued by the commit itself: at most one sendBatch, so that an event's are all or none. */
  deliveries: DeliverMessage[];
  /** Events left to the fan-out consumer. */
  fanouts: FanoutMessage[];
}

/** The delivery messages of an event whose subscribers its insert found. */
export function deliveriesOf(
  event: Pick<RecordedEvent, "id" | "publicId" | "invitationToken">,
  type: string,
  endpointIds: readonly string[],
  dispatches: boolean,
): DeliverMessage[] {
  return endpointIds.map((endpointId) => ({
    v: 1,
    kind: "deliver",
    webhookId: event.publicId,
    eventId: event.id,
    invitationToken: event.invitationToken,
    endpointId,
    type,
    ...(dispatches ? { dispatches: true } : {}),
  }));
}

/**
 * Each webhook event a commit recorded: nothing when no endpoint subscribed (its insert marked it
 * dispatched), its deliveries when they fit in the commit's one sendBatch of deliveries (100 messages,
 * 256 KB), else a fan-out. An event's deliveries are never split across batches: the first to arrive marks
 * the event dispatched, which must mean that all of them were queued. Events recorded without their
 * subscribers (`fanout` null) and repairs (`repairs`, by id) get a fan-out.
 */
export function planDispatch(
  events: readonly RecordedEvent[],
  repairs: readonly number[] = [],
): DispatchPlan {
  const plan: DispatchPlan = { deliveries: [], fanouts: [] };
  let bytes = 0;
  for (const event of events) {
    if (event.webhookType === null) continue;
    const { fanout } = event;
    if (fanout?.type && fanout.endpoints.length > 0) {
      const deliveries = deliveriesOf(event, fanout.type, fanout.endpoints, true);
      const size = deliveries.reduce((sum, message) => sum + messageBytes(message), 0);
      const fits =
        plan.deliveries.length + deliveries.length <= QUEUE_LIMITS.messagesPerBatch &&
        bytes + size <= QUEUE_LIMITS.bytesPerBatch;
      if (fits) {
        plan.deliveries.push(...deliveries);
        bytes += size;
        continue;
      }
    } else if (fanout) {
      continue;
    }
    plan.fanouts.push({ v: 1, kind: "fanout", eventId: event.id });
  }
  for (const eventId of repairs) plan.fanouts.push({ v: 1, kind: "fanout", eventId });
  return plan;
}
