import { env } from "cloudflare:workers";
import { and, eq } from "drizzle-orm";
import type { HistoryOwner, StoredRequestRecord } from "../../src/core/request-history";
import { createDb } from "../../src/db/client";
import { apiKeys } from "../../src/db/schema";
import { requestHistory } from "../../src/durable-objects/request-history";
import { waitFor } from "./wait-for";

/**
 * What a history object holds, read from the object itself (a cheap read that is not a request through the
 * Worker, so it records nothing): newest first, at most 100, optionally only one user agent's.
 */
export async function storedRecords(owner: HistoryOwner, userAgent?: string): Promise<StoredRequestRecord[]> {
  const page = await requestHistory(env, owner).list({ limit: 100, since: 0 });
  return page.records.filter((record) => userAgent === undefined || record.userAgent === userAgent);
}

/** Waits until `owner`'s history holds `count` records of `userAgent` (the recorder flushes about a second after). */
export function waitForRecords(
  owner: HistoryOwner,
  userAgent: string,
  count = 1,
): Promise<StoredRequestRecord[]> {
  return waitFor(`${count} history record(s) of "${userAgent}"`, async () => {
    const records = await storedRecords(owner, userAgent);
    return records.length >= count ? records : null;
  });
}

/** A user agent no other request sends: what a test finds its own requests by. */
export function uniqueUserAgent(label: string): string {
  return `history-test/${label}/${crypto.randomUUID()}`;
}

/** The id of an organization's private key of one mode (seeded tenants have one per mode). */
export async function apiKeyId(organizationId: string, livemode: boolean): Promise<string> {
  const row = await createDb(env.DB)
    .select({ id: apiKeys.id })
    .from(apiKeys)
    .where(and(eq(apiKeys.organizationId, organizationId), eq(apiKeys.livemode, livemode)))
    .get();
  if (!row) throw new Error(`no ${livemode ? "live" : "test"} key for ${organizationId}`);
  return row.id;
}
