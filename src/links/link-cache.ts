import { TtlCache } from "../core/ttl-cache";

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
export class LinkCache<T extends { expiresAt: number } = CachedLink> extends TtlCache<T> {
  constructor(ttlMs: number, maxEntries: number) {
    super(ttlMs, maxEntries, (value) => value.expiresAt);
  }
}

/** The one cache of this isolate, shared by the start link and the short link (keys are prefixed). */
export const linkCache = new LinkCache(LINK_CACHE_TTL_MS, LINK_CACHE_MAX_ENTRIES);

/** What a preview bot is shown for a short link: the rendered page, kept like a person's redirect. */
export const unfurlCache = new LinkCache<{ html: string; expiresAt: number }>(
  LINK_CACHE_TTL_MS,
  LINK_CACHE_MAX_ENTRIES,
);
