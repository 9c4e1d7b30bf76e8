/**
 * A small in-isolate cache: entries live `ttlMs`, or less when the value itself says it expires sooner.
 * Bounded: past `maxEntries` the oldest entries go first (Map keeps insertion order; entries die by TTL anyway,
 * so FIFO eviction is enough). Each isolate has its own; nothing is shared between them.
 */
export class TtlCache<T> {
  readonly #entries = new Map<string, { value: T; cachedUntil: number }>();

  constructor(
    readonly ttlMs: number,
    readonly maxEntries: number,
    readonly expiryOf: (value: T) => number = () => Number.POSITIVE_INFINITY,
  ) {}

  /** The cached value, or null when there is none, it is older than the TTL, or it has expired. */
  get(key: string, now: number): T | null {
    const entry = this.#entries.get(key);
    if (!entry) return null;
    if (now >= entry.cachedUntil || now >= this.expiryOf(entry.value)) {
      this.#entries.delete(key);
      return null;
    }
    return entry.value;
  }

  set(key: string, value: T, now: number): void {
    this.#entries.delete(key);
    for (const oldest of this.#entries.keys()) {
      if (this.#entries.size < this.maxEntries) break;
      this.#entries.delete(oldest);
    }
    this.#entries.set(key, { value, cachedUntil: now + this.ttlMs });
  }

  clear(): void {
    this.#entries.clear();
  }

  get size(): number {
    return this.#entries.size;
  }
}
