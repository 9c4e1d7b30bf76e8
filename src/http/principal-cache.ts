import { TtlCache } from "../core/ttl-cache";
import type { Principal } from "../env";

/**
 * Who a key is, kept in the isolate for a short time so that an authenticated request costs no D1 read for
 * its key (the issue-6 budget: a get is one indexed read). Keyed by the SHA-256 of the whole key, never by the
 * key itself. Bound: a revoked key, or an organization's changed settings, can take up to
 * PRINCIPAL_CACHE_TTL_MS to be seen by another isolate that saw the key recently; the isolate that handled the
 * change forgets everything at once (see forgetPrincipals).
 */
export const PRINCIPAL_CACHE_TTL_MS = 30_000;

const principals = new TtlCache<Principal>(PRINCIPAL_CACHE_TTL_MS, 10_000);

/** The cached principal of a key hash, or the one `lookup` finds (cached when found; misses are not). */
export async function cachedPrincipal(
  keyHash: string,
  lookup: () => Promise<Principal | null>,
): Promise<Principal | null> {
  const now = Date.now();
  const cached = principals.get(keyHash, now);
  if (cached) return cached;
  const found = await lookup();
  if (found) principals.set(keyHash, found, now);
  return found;
}

/** After a key is revoked or an organization changes: this isolate forgets every cached key. */
export function forgetPrincipals(): void {
  principals.clear();
}
