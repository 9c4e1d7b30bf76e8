import { and, eq, isNull } from "drizzle-orm";
import type { Principal } from "../env";
import type { Database } from "./client";
import { organizations, vortexKeys } from "./schema";

export type VortexKeyRow = typeof vortexKeys.$inferSelect;

export async function insertVortexKey(
  db: Database,
  row: typeof vortexKeys.$inferInsert,
): Promise<VortexKeyRow> {
  const [created] = await db.insert(vortexKeys).values(row).returning();
  if (!created) throw new Error("vortex key insert returned no row");
  return created;
}

/** The active key with this kid, with its organization, in one indexed read. */
export async function findActiveVortexKey(db: Database, kid: string) {
  const row = await db
    .select({
      secretHash: vortexKeys.secretHash,
      principal: {
        organizationId: organizations.id,
        organizationSlug: organizations.slug,
        organizationName: organizations.name,
        defaultLocale: organizations.defaultLocale,
        creationRateLimit: organizations.creationRateLimit,
        livemode: vortexKeys.livemode,
      },
    })
    .from(vortexKeys)
    .innerJoin(organizations, eq(organizations.id, vortexKeys.organizationId))
    .where(and(eq(vortexKeys.kid, kid), isNull(vortexKeys.revokedAt)))
    .get();
  return row ? { secretHash: row.secretHash, principal: row.principal satisfies Principal } : null;
}
