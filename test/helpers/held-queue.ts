import { vi } from "vitest";

/** Cloudflare Queues' producer limits (platform figures), which the held queue enforces like the real one. */
const MESSAGES_PER_BATCH = 100;
const BYTES_PER_MESSAGE = 128_000;
const BYTES_PER_BATCH = 256_000;

export interface HeldQueue {
  /** Every body the app handed the queue while it was held, in order. */
  bodies(): unknown[];
  /** The bodies of each accepted `send`/`sendBatch` call, one array per call. */
  calls(): unknown[][];
  /** The bodies not yet taken, which are then taken: each is handed to a consumer once. */
  take(): unknown[];
  /** The next `times` calls are refused, as by a queue that is unavailable. */
  refuseNext(times?: number): void;
  restore(): void;
}

function sizeOf(body: unknown): number {
  return new TextEncoder().encode(JSON.stringify(body) ?? "").byteLength;
}

/** Throws as the real binding does for a call over the platform's limits; nothing of it is kept then. */
function checkLimits(bodies: unknown[]): void {
  if (bodies.length > MESSAGES_PER_BATCH) {
    throw new Error(`sendBatch() of ${bodies.length} messages: at most ${MESSAGES_PER_BATCH} per batch`);
  }
  const sizes = bodies.map(sizeOf);
  const largest = Math.max(0, ...sizes);
  if (largest > BYTES_PER_MESSAGE)
    throw new Error(`a message of ${largest} B is over ${BYTES_PER_MESSAGE} B`);
  const total = sizes.reduce((sum, size) => sum + size, 0);
  if (total > BYTES_PER_BATCH) throw new Error(`a batch of ${total} B is over ${BYTES_PER_BATCH} B`);
}

/**
 * Holds what the app hands `queue` (the binding itself, so the consumers' own sends are held too): the real
 * local queue delivers none of it, in the background or 5 s later; the test hands each message to the
 * Worker's consumer itself (`runQueue`, or `deliverHeldWebhooks`). Every held call is checked against the
 * platform's limits, so a send the real queue would refuse still throws.
 */
export function holdQueue(queue: Queue): HeldQueue {
  const accepted: unknown[][] = [];
  let taken = 0;
  let refusals = 0;
  /** What the real binding answers: the backlog the held messages make. */
  function hold(bodies: unknown[]) {
    if (refusals > 0) {
      refusals -= 1;
      throw new Error("Queue send failed: 503 (held queue, refused by the test)");
    }
    checkLimits(bodies);
    accepted.push(bodies);
    const held = accepted.flat();
    const backlogBytes = held.reduce((sum: number, body) => sum + sizeOf(body), 0);
    return { metadata: { metrics: { backlogCount: held.length - taken, backlogBytes } } };
  }
  const send = vi.spyOn(queue, "send").mockImplementation(async (body) => hold([body]));
  const sendBatch = vi
    .spyOn(queue, "sendBatch")
    .mockImplementation(async (messages) => hold([...messages].map((message) => message.body)));
  const bodies = () => accepted.flat();
  return {
    bodies,
    calls: () => accepted.map((call) => [...call]),
    take() {
      const all = bodies();
      const fresh = all.slice(taken);
      taken = all.length;
      return fresh;
    },
    refuseNext(times = 1) {
      refusals = times;
    },
    restore() {
      send.mockRestore();
      sendBatch.mockRestore();
    },
  };
}
