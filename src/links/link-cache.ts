/**
 * The link hot path's memory: a person's answer for a link that is already `opened` (or later), kept in
 * the isolate for a short TTL so that a repeated click needs no D1 round trip.
 *
 * Bounds, per isolate (each isolate has its own copy; nothing is shared between them):
 * - expiry: never stale. Every hit checks the invitation's own `expiresAt`, so an expired link is never
 *   answered from here, whatever the TTL.
 * - revocation: a link revoked after it was cached can still redirect for at most LINK_CACHE_TTL_MS (30 s)
 *   in an isolate that cached it. Any other change behind the cache (e.g. a new landing URL) lags the same.
 */
export const LINK_CACHE_TTL_MS = 30_000;
/** About 200 bytes an entry: a few MB at most of the isolate's 128 MB. */
export const LINK_CACHE_MAX_ENTRIES = 5_000;

export interface CachedLink {
  /** Where a person is redirected. */
  location: string;
  /** The invitation's expiry, epoch ms. */
  expiresAt: number;
}

/** Anything cached for a link carries the invitation's expiry, so no hit can outlive the link itself. */
export class LinkCache<T extends { expiresAt: number } = CachedLink> {
  readonly #entries = new Map<string, { value: T; cachedUntil: number }>();

  constructor(
    readonly ttlMs: number,
    readonly maxEntries: number,
  ) {}

  /** The cached answer, or null when there is none, it is older than the TTL, or the link has expired. */
  get(key: string, now: number): T | null {
    const entry = this.#entries.get(key);
    if (!entry) return null;
    if (now >= entry.cachedUntil || now >= entry.value.expiresAt) {
      this.#entries.delete(key);
      return null;
    }
    return entry.value;
  }

  set(key: string, link: T, now: number): void {
    this.#entries.delete(key);
    // Oldest first (Map keeps insertion order): entries die by TTL anyway, so FIFO eviction is enough.
    for (const oldest of this.#entries.keys()) {
      if (this.#entries.size < this.maxEntries) break;
      this.#entries.delete(oldest);
    }
    this.#entries.set(key, { value: link, cachedUntil: now + this.ttlMs });
  }

  get size(): number {
    return this.#entries.size;
  }
}

/** The one cache of this isolate, shared by the start link and the short link (keys are prefixed). */
export const linkCache = new LinkCache(LINK_CACHE_TTL_MS, LINK_CACHE_MAX_ENTRIES);

/** What a preview bot is shown for a short link: the rendered page, kept like a person's redirect. */
export const unfurlCache = new LinkCache<{ html: string; expiresAt: number }>(
  LINK_CACHE_TTL_MS,
  LINK_CACHE_MAX_ENTRIES,
);
