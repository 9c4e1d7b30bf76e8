import { historyName } from "../core/request-history";
import { requestHistory } from "../durable-objects/request-history";
import { log } from "../log";
import type { BufferedBatch, HistoryBuffer } from "./buffer";

/** How long a flush waits for one history object before it gives the batch up. */
export const FLUSH_TIMEOUT_MS = 5_000;

/**
 * One flush of an isolate's buffer: one call per history object, all at once, each waited for at most
 * FLUSH_TIMEOUT_MS. A batch that fails or times out is logged and given up (the history is a debugging aid, not
 * a ledger: retrying would pile batches up behind a failing object). Never throws.
 */
export async function flushHistory(
  env: Env,
  buffer: HistoryBuffer,
  options: FlushOptions = {},
): Promise<void> {
  const { batches, dropped } = buffer.take();
  if (dropped > 0) log("warn", "request_history_dropped", { records: dropped });
  await Promise.all(batches.map((batch) => send(env, batch, options)));
}

export interface FlushOptions {
  /** The cap the objects write with (REQUEST_HISTORY_MAX_ENTRIES; tests only). */
  maxEntries?: number | undefined;
  /** FLUSH_TIMEOUT_MS unless a test waits less. */
  timeoutMs?: number;
}

async function send(env: Env, batch: BufferedBatch, options: FlushOptions): Promise<void> {
  const { owner, records, unauthenticated } = batch;
  try {
    const written = requestHistory(env, owner).record({
      records,
      unauthenticated,
      maxEntries: options.maxEntries,
    });
    await Promise.race([written, timeout(options.timeoutMs ?? FLUSH_TIMEOUT_MS)]);
  } catch (error) {
    log("warn", "request_history_flush_failed", {
      history: historyName(owner),
      records: records.length,
      unauthenticated: unauthenticated.length,
      error: String(error),
    });
  }
}

async function timeout(ms: number): Promise<never> {
  await scheduler.wait(ms);
  throw new Error(`no answer within ${ms} ms`);
}
