import {
  type ApiName,
  HISTORY_MAX_ENTRIES,
  type HistoryOwner,
  historyName,
  type RequestRecord,
  type UnauthenticatedCount,
} from "../core/request-history";

/**
 * Requests are recorded in the isolate first and written FLUSH_DELAY_MS after the first one, in one Durable
 * Object call per history (see recorder.ts). The bound: what an isolate buffered in its last second is lost
 * if the isolate dies before its flush (the flush runs under waitUntil, which normally keeps it alive).
 */
export const FLUSH_DELAY_MS = 1_000;
/**
 * Records an isolate buffers at most between two flushes (a history keeps no more anyway); past this, new
 * ones are dropped and counted, and the next flush logs how many.
 */
export const MAX_BUFFERED_RECORDS = HISTORY_MAX_ENTRIES;

/** What one flush hands one history object. */
export interface BufferedBatch {
  owner: HistoryOwner;
  records: RequestRecord[];
  unauthenticated: UnauthenticatedCount[];
}

export class HistoryBuffer {
  readonly #batches = new Map<string, BufferedBatch>();
  readonly #unauthenticated = new Map<string, UnauthenticatedCount>();
  #records = 0;
  #dropped = 0;

  get empty(): boolean {
    return this.#batches.size === 0 && this.#unauthenticated.size === 0 && this.#dropped === 0;
  }

  /** Buffers one record for its owner's history; answers true when the buffer was empty (schedule a flush). */
  add(owner: HistoryOwner, record: RequestRecord): boolean {
    const wasEmpty = this.empty;
    if (this.#records >= MAX_BUFFERED_RECORDS) {
      this.#dropped += 1;
      return wasEmpty;
    }
    this.#batchOf(owner).records.push(record);
    this.#records += 1;
    return wasEmpty;
  }

  /** Counts one request refused before authentication (no owner); answers true as `add` does. */
  countUnauthenticated(day: string, api: ApiName, status: number): boolean {
    const wasEmpty = this.empty;
    const key = `${day}|${api}|${status}`;
    const count = this.#unauthenticated.get(key) ?? { day, api, status, count: 0 };
    count.count += 1;
    this.#unauthenticated.set(key, count);
    return wasEmpty;
  }

  /**
   * Everything buffered, taken out: one batch per history, the unauthenticated counts in the operator's, and
   * how many records were dropped since the last take.
   */
  take(): { batches: BufferedBatch[]; dropped: number } {
    if (this.#unauthenticated.size > 0) {
      this.#batchOf("operator").unauthenticated.push(...this.#unauthenticated.values());
    }
    const taken = { batches: [...this.#batches.values()], dropped: this.#dropped };
    this.#batches.clear();
    this.#unauthenticated.clear();
    this.#records = 0;
    this.#dropped = 0;
    return taken;
  }

  #batchOf(owner: HistoryOwner): BufferedBatch {
    const name = historyName(owner);
    let batch = this.#batches.get(name);
    if (!batch) {
      batch = { owner, records: [], unauthenticated: [] };
      this.#batches.set(name, batch);
    }
    return batch;
  }
}

/**
 * FLUSH_DELAY_MS, or less where a setting says so: the tests, whose helpers wait for each request's work
 * after the response, set a few milliseconds. A setting can shorten the window, never lengthen it.
 */
export function flushDelayMs(setting: string | undefined): number {
  const asked = setting === undefined || setting === "" ? Number.NaN : Number(setting);
  return Number.isInteger(asked) && asked >= 0 ? Math.min(asked, FLUSH_DELAY_MS) : FLUSH_DELAY_MS;
}
