// What the metering tally answers (GET /dev/metering), read by the Worker's dev route and by `npm run bench`
// in Node: no Workers types here.
import type { D1Counts, D1RouteCounts } from "../db/d1-server-timing";

export interface TallySnapshot {
  /** When this count started: the isolate's first metered invocation or the last reset (ISO 8601). */
  since: string;
  /** Every D1 round trip of every metered invocation, responses and background work alike. */
  d1: D1Counts & D1RouteCounts;
  /** RPC method calls and `fetch`es on Durable Object stubs, by namespace binding (SEND_GATE…). */
  durableObjectRequests: Record<string, number>;
  /** Messages handed to each queue binding (DELIVERIES…): `send` counts 1, `sendBatch` its length. */
  queueMessagesSent: Record<string, number>;
  invocations: {
    fetch: number;
    scheduled: number;
    /** Batches handled by the queue handler, and their messages, by queue name (deliveries…). */
    queues: Record<string, { batches: number; messages: number }>;
  };
}

/** The sums the bench reports. */
export interface TallyTotals {
  doRequests: number;
  queueMessages: number;
  queueBatches: number;
  queueMessagesHandled: number;
}

export function tallyTotals(snapshot: TallySnapshot): TallyTotals {
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  const queues = Object.values(snapshot.invocations.queues);
  return {
    doRequests: sum(Object.values(snapshot.durableObjectRequests)),
    queueMessages: sum(Object.values(snapshot.queueMessagesSent)),
    queueBatches: sum(queues.map((q) => q.batches)),
    queueMessagesHandled: sum(queues.map((q) => q.messages)),
  };
}
