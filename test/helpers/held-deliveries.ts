import { env } from "cloudflare:workers";
import { vi } from "vitest";
import type { DeliveryMessage } from "../../src/delivery/message";
import { runQueue } from "./queue";

/**
 * The deliveries queue, held: what the app sends to `DELIVERIES` is kept here instead of reaching the real
 * local queue, and `deliver(token)` hands that invitation's messages to the Worker's own consumer, as the
 * queue would. A test then does not wait on the background queue, nor share it with other files' work; one
 * end-to-end test (test/api/vortex/invitations.test.ts) keeps the real queue. `restore()` (in `afterEach`)
 * puts the binding back and sends on, to the real queue, whatever is still held (another file's background
 * work, or a send this test did not deliver), so that no invitation is left pending with no message.
 */
export function holdDeliveries() {
  const held: DeliveryMessage[] = [];
  // What the real queue answers a producer (ours reads none of it).
  const accepted = () => ({ metadata: { metrics: { backlogCount: held.length, backlogBytes: 0 } } });
  const send = vi.spyOn(env.DELIVERIES, "send").mockImplementation(async (body) => {
    held.push(body as DeliveryMessage);
    return accepted();
  });
  const sendBatch = vi.spyOn(env.DELIVERIES, "sendBatch").mockImplementation(async (messages) => {
    for (const message of messages) held.push(message.body as DeliveryMessage);
    return accepted();
  });
  const takeFor = (token: string) => {
    const mine = held.filter((message) => message.invitationToken === token);
    held.splice(0, held.length, ...held.filter((message) => message.invitationToken !== token));
    return mine;
  };
  return {
    /** The messages sent for the invitation and still held. */
    sent: (token: string): DeliveryMessage[] => held.filter((message) => message.invitationToken === token),
    /** Runs the invitation's held messages through the consumer; fails unless there was one and it was acked. */
    async deliver(token: string): Promise<void> {
      const mine = takeFor(token);
      if (mine.length === 0) throw new Error(`no delivery of ${token} was sent to the queue`);
      const { result } = await runQueue(
        "deliveries",
        mine.map((body) => ({ body })),
      );
      if (result.explicitAcks.length !== mine.length) {
        throw new Error(`the consumer did not ack ${token}: ${JSON.stringify(result)}`);
      }
    },
    async restore(): Promise<void> {
      send.mockRestore();
      sendBatch.mockRestore();
      const others = held.splice(0);
      // A batch carries at most 100 messages.
      for (let i = 0; i < others.length; i += 100) {
        await env.DELIVERIES.sendBatch(others.slice(i, i + 100).map((body) => ({ body })));
      }
    },
  };
}
