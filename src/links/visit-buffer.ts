/**
 * Short-link visits answered from the link caches are counted here, in the isolate, and written to D1 in
 * one batch per isolate at most every FLUSH_DELAY_MS (see short-link.ts), not one write per visit: a link
 * shared in a busy channel is clicked and unfurled in bursts. The bound: counts of the last second can be
 * lost if the isolate is killed before its flush (the flush runs under waitUntil, which normally keeps it
 * alive); the first visit of each link in an isolate is still counted synchronously with its lookup.
 */
export const FLUSH_DELAY_MS = 1_000;
/**
 * Links written per flush: each costs one or two statements, and a Worker invocation may make 1,000 D1
 * queries, so a burst over many links is written in flushes of at most this many, a second apart.
 */
export const LINKS_PER_FLUSH = 100;

export interface BufferedVisits {
  code: string;
  views: number;
  clicks: number;
}

export class VisitBuffer {
  readonly #pending = new Map<string, BufferedVisits>();

  /** Counts one visit; answers true when the buffer was empty, i.e. the caller should schedule a flush. */
  add(code: string, kind: "view" | "click"): boolean {
    const wasEmpty = this.#pending.size === 0;
    const entry = this.#pending.get(code) ?? { code, views: 0, clicks: 0 };
    if (kind === "view") entry.views += 1;
    else entry.clicks += 1;
    this.#pending.set(code, entry);
    return wasEmpty;
  }

  /** Puts back what a failed flush took, so the next flush writes it (answers true as `add` does). */
  restore(visits: BufferedVisits[]): boolean {
    const wasEmpty = this.#pending.size === 0;
    for (const visit of visits) {
      const entry = this.#pending.get(visit.code) ?? { code: visit.code, views: 0, clicks: 0 };
      entry.views += visit.views;
      entry.clicks += visit.clicks;
      this.#pending.set(visit.code, entry);
    }
    return wasEmpty && visits.length > 0;
  }

  /** How many links have counts waiting. */
  get size(): number {
    return this.#pending.size;
  }

  /** The counts of at most `limit` links (the longest waiting first), taken out of the buffer. */
  take(limit = LINKS_PER_FLUSH): BufferedVisits[] {
    const visits = [...this.#pending.values()].slice(0, limit);
    for (const visit of visits) this.#pending.delete(visit.code);
    return visits;
  }
}

export const visitBuffer = new VisitBuffer();
