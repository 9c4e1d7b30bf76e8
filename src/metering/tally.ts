import { D1Metrics } from "../db/d1-metrics";
import type { D1Recorder, D1Route } from "../db/metered-d1";
import type { TallySnapshot } from "./tally-snapshot";

/**
 * What metered invocations used, summed: D1 round trips and rows, Durable Object requests, queue messages
 * sent, invocations by kind. One per isolate (`isolateTally`), answered and reset by `/dev/metering`;
 * tests make their own.
 */
export class Tally implements D1Recorder {
  #since = new Date();
  #d1 = new D1Metrics();
  #durableObjectRequests = new Map<string, number>();
  #queueMessagesSent = new Map<string, number>();
  #invocations = { fetch: 0, scheduled: 0 };
  #queueBatches = new Map<string, { batches: number; messages: number }>();

  /** One D1 round trip; work still running at a reset counts in the new tally. */
  record(route: D1Route, metas: readonly D1Meta[]): void {
    this.#d1.record(route, metas);
  }

  durableObjectRequest(binding: string): void {
    add(this.#durableObjectRequests, binding, 1);
  }

  queueMessagesSent(binding: string, messages: number): void {
    add(this.#queueMessagesSent, binding, messages);
  }

  fetchInvocation(): void {
    this.#invocations.fetch += 1;
  }

  scheduledInvocation(): void {
    this.#invocations.scheduled += 1;
  }

  queueInvocation(queue: string, messages: number): void {
    const seen = this.#queueBatches.get(queue) ?? { batches: 0, messages: 0 };
    this.#queueBatches.set(queue, { batches: seen.batches + 1, messages: seen.messages + messages });
  }

  snapshot(): TallySnapshot {
    const { roundTrips, primaryRoundTrips, sessionRoundTrips, rowsRead, rowsWritten } = this.#d1;
    return {
      since: this.#since.toISOString(),
      d1: { roundTrips, primaryRoundTrips, sessionRoundTrips, rowsRead, rowsWritten },
      durableObjectRequests: Object.fromEntries(this.#durableObjectRequests),
      queueMessagesSent: Object.fromEntries(this.#queueMessagesSent),
      invocations: { ...this.#invocations, queues: Object.fromEntries(this.#queueBatches) },
    };
  }

  /** The tally so far; counting starts again from zero. */
  reset(): TallySnapshot {
    const snapshot = this.snapshot();
    this.#since = new Date();
    this.#d1 = new D1Metrics();
    this.#durableObjectRequests.clear();
    this.#queueMessagesSent.clear();
    this.#invocations = { fetch: 0, scheduled: 0 };
    this.#queueBatches.clear();
    return snapshot;
  }
}

function add(counts: Map<string, number>, key: string, n: number): void {
  counts.set(key, (counts.get(key) ?? 0) + n);
}

/** This isolate's tally: every metered invocation counts here (src/metering/handler.ts). */
export const isolateTally = new Tally();
