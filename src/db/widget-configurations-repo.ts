import { and, desc, eq } from "drizzle-orm";
import type { Database } from "./client";
import { widgetConfigurations } from "./schema";

export type WidgetConfigurationRow = typeof widgetConfigurations.$inferSelect;

export async function insertWidgetConfiguration(db: Database, row: typeof widgetConfigurations.$inferInsert) {
  const [created] = await db.insert(widgetConfigurations).values(row).returning();
  if (!created) throw new Error("widget configuration insert returned no row");
  return created;
}

export async function listWidgetConfigurations(db: Database, organizationId: string) {
  return db
    .select()
    .from(widgetConfigurations)
    .where(eq(widgetConfigurations.organizationId, organizationId))
    .orderBy(desc(widgetConfigurations.createdAt))
    .limit(100);
}

export async function findWidgetConfiguration(db: Database, organizationId: string, id: string) {
  return (
    (await db
      .select()
      .from(widgetConfigurations)
      .where(and(eq(widgetConfigurations.organizationId, organizationId), eq(widgetConfigurations.id, id)))
      .get()) ?? null
  );
}
