import { and, eq, isNull } from "drizzle-orm";
import type { Principal } from "../env";
import type { Database } from "./client";
import { apiKeys, organizations } from "./schema";

export type ApiKeyRow = typeof apiKeys.$inferSelect;

/** Resolves a key hash to its organization and mode in one indexed read; revoked keys resolve to nothing. */
export async function findActiveKeyByHash(db: Database, secretHash: string): Promise<Principal | null> {
  const row = await db
    .select({
      organizationId: organizations.id,
      organizationSlug: organizations.slug,
      organizationName: organizations.name,
      defaultLocale: organizations.defaultLocale,
      creationRateLimit: organizations.creationRateLimit,
      livemode: apiKeys.livemode,
    })
    .from(apiKeys)
    .innerJoin(organizations, eq(organizations.id, apiKeys.organizationId))
    .where(and(eq(apiKeys.secretHash, secretHash), isNull(apiKeys.revokedAt)))
    .get();
  return row ?? null;
}

export async function insertApiKey(db: Database, row: typeof apiKeys.$inferInsert): Promise<ApiKeyRow> {
  const [created] = await db.insert(apiKeys).values(row).returning();
  if (!created) throw new Error("api key insert returned no row");
  return created;
}

/** Revokes a key of the organization; answers whether such an active key existed. */
export async function revokeApiKey(
  db: Database,
  organizationId: string,
  id: string,
  now: Date,
): Promise<ApiKeyRow | null> {
  const [revoked] = await db
    .update(apiKeys)
    .set({ revokedAt: now })
    .where(and(eq(apiKeys.id, id), eq(apiKeys.organizationId, organizationId), isNull(apiKeys.revokedAt)))
    .returning();
  return revoked ?? null;
}
