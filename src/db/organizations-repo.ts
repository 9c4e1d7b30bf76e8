import { eq } from "drizzle-orm";
import type { AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import type { Database } from "./client";
import { organizations } from "./schema";

export type OrganizationRow = typeof organizations.$inferSelect;

/**
 * The columns of a principal (env.ts), for the key lookups of both dialects: the organization's, and the
 * mode of whichever credential table `livemode` comes from.
 */
export function principalColumns<Livemode extends AnySQLiteColumn<{ data: boolean }>>(livemode: Livemode) {
  return {
    organizationId: organizations.id,
    organizationSlug: organizations.slug,
    organizationName: organizations.name,
    defaultLocale: organizations.defaultLocale,
    creationRateLimit: organizations.creationRateLimit,
    livemode,
  };
}

export async function findOrganizationBySlug(db: Database, slug: string): Promise<OrganizationRow | null> {
  return (await db.select().from(organizations).where(eq(organizations.slug, slug)).get()) ?? null;
}

/** Inserts unless the slug is taken; answers null when it is (the unique index decides, not a prior read). */
export async function insertOrganization(
  db: Database,
  row: typeof organizations.$inferInsert,
): Promise<OrganizationRow | null> {
  const [created] = await db.insert(organizations).values(row).onConflictDoNothing().returning();
  return created ?? null;
}

/** Applies the given changes (an empty change set just reads the row back). */
export async function updateOrganizationBySlug(
  db: Database,
  slug: string,
  changes: Partial<Pick<OrganizationRow, "name" | "defaultLocale" | "replyTo" | "creationRateLimit">>,
): Promise<OrganizationRow | null> {
  if (Object.keys(changes).length === 0) return findOrganizationBySlug(db, slug);
  const [row] = await db.update(organizations).set(changes).where(eq(organizations.slug, slug)).returning();
  return row ?? null;
}
