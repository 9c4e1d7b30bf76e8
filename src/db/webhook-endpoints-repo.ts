import { and, desc, eq } from "drizzle-orm";
import type { Database } from "./client";
import { webhookEndpoints } from "./schema";
import type { Scope } from "./workflows-repo";

export type WebhookEndpointRow = typeof webhookEndpoints.$inferSelect;

const inScope = (scope: Scope) =>
  and(
    eq(webhookEndpoints.organizationId, scope.organizationId),
    eq(webhookEndpoints.livemode, scope.livemode),
  );

export async function insertWebhookEndpoint(db: Database, row: typeof webhookEndpoints.$inferInsert) {
  const [created] = await db.insert(webhookEndpoints).values(row).returning();
  if (!created) throw new Error("webhook endpoint insert returned no row");
  return created;
}

export async function listWebhookEndpoints(db: Database, scope: Scope): Promise<WebhookEndpointRow[]> {
  return db
    .select()
    .from(webhookEndpoints)
    .where(inScope(scope))
    .orderBy(desc(webhookEndpoints.createdAt))
    .limit(100);
}

export async function findWebhookEndpoint(db: Database, id: string): Promise<WebhookEndpointRow | null> {
  return (await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id)).get()) ?? null;
}

export async function deleteWebhookEndpoint(db: Database, scope: Scope, id: string): Promise<boolean> {
  const rows = await db
    .delete(webhookEndpoints)
    .where(and(inScope(scope), eq(webhookEndpoints.id, id)))
    .returning({ id: webhookEndpoints.id });
  return rows.length > 0;
}

/** Enabled endpoints of an organization and mode that subscribed to `type`. */
export async function subscribedEndpoints(
  db: Database,
  scope: Scope,
  type: string,
): Promise<WebhookEndpointRow[]> {
  const rows = await db
    .select()
    .from(webhookEndpoints)
    .where(and(inScope(scope), eq(webhookEndpoints.status, "enabled")));
  return rows.filter((row) => row.events.includes(type));
}

export async function disableWebhookEndpoint(db: Database, id: string, reason: string): Promise<void> {
  await db
    .update(webhookEndpoints)
    .set({ status: "disabled", disabledReason: reason })
    .where(eq(webhookEndpoints.id, id));
}
