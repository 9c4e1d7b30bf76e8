import { describe, it } from "vitest";
import type { RecordedEvent } from "../../../src/db/timeline";
import { messageBytes, planBatches, QUEUE_LIMITS } from "../../../src/queues/producer";
import { planDispatch } from "../../../src/webhooks/customer/dispatch-plan";

let nextId = 1;

/** A recorded webhook event with `endpoints` subscribers (ids of `idLength` characters). */
function event(endpoints: number, idLength = 27): RecordedEvent {
  const id = nextId++;
  return {
    id,
    publicId: `evt_${String(id).padStart(24, "0")}`,
    invitationToken: `adi_${String(id).padStart(24, "0")}`,
    webhookType: "invitation.created",
    fanout: {
      type: "invitation.created",
      endpoints: Array.from({ length: endpoints }, (_, i) => `we_${String(i).padStart(idLength - 3, "0")}`),
    },
  };
}

describe("what a commit queues for the webhook events it recorded", () => {
  it("nothing for an event without subscribers, or without a webhook, and a fan-out for one stored before `fanout`", ({
    expect,
  }) => {
    const unheard: RecordedEvent = { ...event(0), fanout: { type: null, endpoints: [] } };
    const none: RecordedEvent = { ...event(0), webhookType: null, fanout: null };
    const old: RecordedEvent = { ...event(0), fanout: null };
    expect(planDispatch([unheard, none, event(0), old])).toEqual({
      deliveries: [],
      fanouts: [{ v: 1, kind: "fanout", eventId: old.id }],
    });
  });

  it("its deliveries, marked as dispatching, up to 100 messages in all: the 101st event's go as a fan-out", ({
    expect,
  }) => {
    const events = [...Array.from({ length: 25 }, () => event(4)), event(1)];
    const plan = planDispatch(events);
    expect(plan.deliveries).toHaveLength(QUEUE_LIMITS.messagesPerBatch);
    expect(plan.deliveries.every((message) => message.dispatches === true)).toBe(true);
    expect(plan.fanouts).toEqual([{ v: 1, kind: "fanout", eventId: events[25]?.id }]);
    // One sendBatch carries them: an event's deliveries are all queued or none.
    expect(planBatches(plan.deliveries)).toHaveLength(1);
  });

  it("an event's deliveries are never split: one that does not fit goes whole as a fan-out, the next may fit", ({
    expect,
  }) => {
    const [first, big, small] = [event(60), event(41), event(40)];
    if (!first || !big || !small) throw new Error("events");
    const plan = planDispatch([first, big, small]);
    expect(plan.deliveries.map((message) => message.eventId)).toEqual([
      ...Array(60).fill(first.id),
      ...Array(40).fill(small.id),
    ]);
    expect(plan.fanouts).toEqual([{ v: 1, kind: "fanout", eventId: big.id }]);
  });

  it("up to 256 KB of deliveries, and a fan-out past it", ({ expect }) => {
    // Endpoint ids long enough that 2 events of 40 deliveries pass 256 KB where one does not.
    const idLength = 3000;
    const [first, second] = [event(40, idLength), event(40, idLength)];
    if (!first || !second) throw new Error("events");
    const plan = planDispatch([first, second]);
    const bytes = plan.deliveries.reduce((sum, message) => sum + messageBytes(message), 0);
    expect(bytes).toBeLessThanOrEqual(QUEUE_LIMITS.bytesPerBatch);
    expect(bytes * 2).toBeGreaterThan(QUEUE_LIMITS.bytesPerBatch);
    expect(plan.deliveries.every((message) => message.eventId === first.id)).toBe(true);
    expect(plan.fanouts).toEqual([{ v: 1, kind: "fanout", eventId: second.id }]);
  });

  it("a repair's events as fan-outs, after the commit's own", ({ expect }) => {
    const old: RecordedEvent = { ...event(0), fanout: null };
    expect(planDispatch([old], [7, 8]).fanouts.map((message) => message.eventId)).toEqual([old.id, 7, 8]);
  });
});
