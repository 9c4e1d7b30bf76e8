import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import worker from "../../src/index";
import { meterEnv } from "../../src/metering/metered-env";
import { Tally } from "../../src/metering/tally";
import { type TallySnapshot, tallyTotals } from "../../src/metering/tally-snapshot";
import { API } from "./api";
import { type HeldQueue, holdQueue } from "./held-queue";
import { runQueue } from "./queue";

/** What the Worker asked of the platform through a counted env. */
export interface Counts {
  /** D1 round trips: each `batch()`, and each statement executed on its own, sessions' included. */
  d1: number;
  /** Of them, the reads through a D1 session that a replica may serve (the others reach the primary). */
  d1Session: number;
  /**
   * Durable Object requests of the invitation's own work (each RPC call on a stub of SEND_GATE or
   * ORG_THROTTLE). The request history's writes are not in it: they are the API's log, one per isolate and
   * second whatever the requests (src/request-history/recorder.ts), and the bench reports them apart.
   */
  doRequests: number;
  /** Messages handed to each queue that was given any, by binding (DELIVERIES, WEBHOOKS, LINK_VISITS). */
  queued: Record<string, number>;
}

/** The counts in a snapshot of the metering's tally, as the tests compare them. */
function countsOf(snapshot: TallySnapshot): Counts {
  return {
    d1: snapshot.d1.roundTrips,
    d1Session: snapshot.d1.sessionRoundTrips,
    doRequests: tallyTotals(snapshot).doRequests - (snapshot.durableObjectRequests.REQUEST_HISTORY ?? 0),
    queued: snapshot.queueMessagesSent,
  };
}

/** The queues a counted env holds, by consumer name, and their bindings. */
const HELD_QUEUES = { deliveries: "DELIVERIES", webhooks: "WEBHOOKS", "link-visits": "LINK_VISITS" } as const;
type HeldQueueName = keyof typeof HELD_QUEUES;

/** A queue of our own that only holds what it is given (held-queue.ts checks the platform's limits). */
function heldStandIn(): { binding: Queue; held: HeldQueue } {
  const binding = {
    send: async () => {},
    sendBatch: async () => {},
    metrics: async () => ({ backlogCount: 0, backlogBytes: 0 }),
  } as unknown as Queue;
  return { binding, held: holdQueue(binding) };
}

/** The counted env of a test, with its held queues and the Worker's handlers run on it. */
export type CountedEnv = ReturnType<typeof makeCountedEnv>;

/**
 * The Worker's real bindings, counted by the bench's own metering (src/metering/meterEnv): D1 round trips,
 * Durable Object requests, and queue messages. Its queues are held (nothing reaches the real local queue):
 * the test hands what they hold to the Worker's own consumers with `drain`, as the queue would, on this same
 * counted env.
 */
export function countedEnv(base: Env = env): CountedEnv {
  return makeCountedEnv(base);
}

function makeCountedEnv(base: Env) {
  const tally = new Tally();
  const queues = {
    deliveries: heldStandIn(),
    webhooks: heldStandIn(),
    "link-visits": heldStandIn(),
  } satisfies Record<HeldQueueName, unknown>;
  const bindings = Object.fromEntries(
    Object.entries(HELD_QUEUES).map(([name, binding]) => [binding, queues[name as HeldQueueName].binding]),
  );
  const counted = meterEnv({ ...base, ...bindings }, { tally, latency: null, wait: async () => {} });
  return {
    env: counted,
    /** The counts since the last `take` (or since the start), then zeroed. */
    take: (): Counts => countsOf(tally.reset()),
    held: {
      deliveries: queues.deliveries.held,
      webhooks: queues.webhooks.held,
      linkVisits: queues["link-visits"].held,
    },
    /** One request through the Worker's fetch handler, its `waitUntil` work included. */
    async fetch(request: Request): Promise<Response> {
      const ctx = createExecutionContext();
      const res = await worker.fetch(request, counted, ctx);
      const text = await res.text();
      await waitOnExecutionContext(ctx);
      return new Response(text, res);
    },
    /** A JSON request to the API host with `key`, through `fetch`. */
    api(method: string, path: string, key: string, body?: unknown): Promise<Response> {
      return this.fetch(
        new Request(`${API}${path}`, {
          method,
          headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        }),
      );
    },
    /**
     * Hands what the queue holds to its consumer in batches of at most `batchSize` (the real queue's is 10),
     * then what that queued, until nothing is left. Answers the messages handed over.
     */
    async drain(queue: HeldQueueName, batchSize = 10): Promise<number> {
      const { held } = queues[queue];
      let handed = 0;
      for (let bodies = held.take(); bodies.length > 0; bodies = held.take()) {
        for (let i = 0; i < bodies.length; i += batchSize) {
          const batch = bodies.slice(i, i + batchSize).map((body) => ({ body }));
          const { result } = await runQueue(queue, batch, counted);
          if (result.retryMessages.length > 0) {
            throw new Error(`${queue}: the consumer asked to retry ${JSON.stringify(result.retryMessages)}`);
          }
          handed += batch.length;
        }
      }
      return handed;
    },
    restore(): void {
      for (const queue of Object.values(queues)) queue.held.restore();
    },
  };
}
