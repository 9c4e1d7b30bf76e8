import { env } from "cloudflare:workers";
import { waitFor } from "../helpers/wait-for";
import { watchQueues } from "./queue-watch";
import { installWriteCounter } from "./write-counter";

/** What requests may have written: rows written per table and operation, and messages handed to the queues. */
export type Snapshot = Record<string, number>;

export interface WriteObserver {
  snapshot(): Promise<Snapshot>;
  /** Waits until every queue message of the observed organizations has been through the consumer. */
  settle(): Promise<Snapshot>;
  restore(): Promise<void>;
}

/** The consumer takes a batch every 50 ms at most (vitest.config.ts); a retry comes back after seconds. */
const SETTLE_STALL_MS = 30_000;

export function changedKeys(before: Snapshot, after: Snapshot): string[] {
  return Object.keys(after).filter((key) => before[key] !== after[key]);
}

/**
 * Observes the writes of organizations made from now on: the fuzzed requests' own (their fixtures are made
 * after this call) and those of any organization a request creates. Other test files' tenants share this
 * runtime, and their background queue work (deliveries, fan-outs, retries) may write meanwhile; it is not
 * counted. A snapshot is two small reads, however many rows the database holds: a counter table that
 * test-only triggers fill (write-counter.ts), and the queue spies (queue-watch.ts). One observer at a time.
 */
export async function observeWrites(): Promise<WriteObserver> {
  const row = await env.DB.prepare("SELECT coalesce(max(rowid), 0) AS w FROM organizations").first<{
    w: number;
  }>();
  const watermark = row?.w ?? 0;
  const counter = await installWriteCounter(watermark);
  const queues = watchQueues(watermark);
  async function snapshot(): Promise<Snapshot> {
    const [rows, messages] = await Promise.all([counter.read(), queues.sent()]);
    return { ...rows, ...messages };
  }
  return {
    snapshot,
    async settle() {
      // A backlog may take longer than any fixed deadline (5,000 creations deliver thousands of messages);
      // what must not happen is a stall: no message of ours handled for SETTLE_STALL_MS.
      for (;;) {
        const progress = queues.drained();
        let left: string[] = [];
        await waitFor(
          "a queue message of the observed organizations to go through the consumer",
          async () => {
            left = await queues.outstanding();
            return left.length === 0 || queues.drained() > progress;
          },
          SETTLE_STALL_MS,
        ).catch((error: unknown) => {
          throw new Error(`${String(error)} Not yet handled: ${left.slice(0, 5).join(", ")}`, {
            cause: error,
          });
        });
        if (left.length === 0) return snapshot();
      }
    },
    async restore() {
      queues.restore();
      await counter.remove();
    },
  };
}
