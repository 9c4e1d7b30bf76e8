import { and, desc, eq, sql } from "drizzle-orm";
import type { Scope } from "../core/scope";
import type { Database } from "./client";
import { insertSource } from "./insert-select";
import { type Plan, plan } from "./plan";
import { organizations, webhookEndpoints } from "./schema";

export type WebhookEndpointRow = typeof webhookEndpoints.$inferSelect;
/** `standard`: the AutoDoc API's endpoints; `vortex`: the operator's Vortex-format endpoints. */
export type WebhookFormat = WebhookEndpointRow["format"];

/** One organization's endpoints of one format: each API sees its own format only. */
const ofFormat = (organizationId: string, format: WebhookFormat) =>
  and(eq(webhookEndpoints.organizationId, organizationId), eq(webhookEndpoints.format, format));

const inScope = (scope: Scope, format: WebhookFormat) =>
  and(ofFormat(scope.organizationId, format), eq(webhookEndpoints.livemode, scope.livemode));

/** The most endpoints an organization has per mode and format: each API's list has its own cap. */
export const MAX_WEBHOOK_ENDPOINTS = 16;

/**
 * Inserts the endpoint unless its organization already has MAX_WEBHOOK_ENDPOINTS of its mode and format;
 * answers null then. One statement (INSERT … SELECT … WHERE count < cap), so concurrent creates cannot
 * pass the cap together.
 */
export async function insertWebhookEndpointWithinCap(
  db: Database,
  row: typeof webhookEndpoints.$inferInsert,
): Promise<WebhookEndpointRow | null> {
  const format = row.format ?? "standard";
  const count = db
    .select({ n: sql`count(*)` })
    .from(webhookEndpoints)
    .where(inScope({ organizationId: row.organizationId, livemode: row.livemode }, format));
  const source = insertSource(
    webhookEndpoints,
    { ...row, format },
    { organizationId: organizations.id },
    organizations,
    and(eq(organizations.id, row.organizationId), sql`(${count}) < ${MAX_WEBHOOK_ENDPOINTS}`),
  );
  const [created] = await db.insert(webhookEndpoints).select(source).returning();
  return created ?? null;
}

/** The AutoDoc caller's endpoints (its organization and mode, standard format). */
export async function listWebhookEndpoints(db: Database, scope: Scope): Promise<WebhookEndpointRow[]> {
  return db
    .select()
    .from(webhookEndpoints)
    .where(inScope(scope, "standard"))
    .orderBy(desc(webhookEndpoints.createdAt))
    .limit(100);
}

/** Deletes one of the AutoDoc caller's endpoints; false when it has none with that id. */
export async function deleteWebhookEndpoint(db: Database, scope: Scope, id: string): Promise<boolean> {
  const rows = await db
    .delete(webhookEndpoints)
    .where(and(inScope(scope, "standard"), eq(webhookEndpoints.id, id)))
    .returning({ id: webhookEndpoints.id });
  return rows.length > 0;
}

/** Enabled endpoints of an organization, mode and format that subscribed to `type`. */
export async function subscribedEndpoints(
  db: Database,
  scope: Scope,
  format: WebhookFormat,
  type: string,
): Promise<WebhookEndpointRow[]> {
  const rows = await db
    .select()
    .from(webhookEndpoints)
    .where(and(inScope(scope, format), eq(webhookEndpoints.status, "enabled")));
  return rows.filter((row) => row.events.includes(type));
}

/** Disables an endpoint (its URL is refused, or it answered 410), with the reason its listing shows. */
export function disableWebhookEndpoint(db: Database, id: string, reason: string): Plan<void> {
  const disable = db
    .update(webhookEndpoints)
    .set({ status: "disabled", disabledReason: reason })
    .where(eq(webhookEndpoints.id, id));
  return plan([disable], () => ({ value: undefined, events: [] }));
}

/** An organization's Vortex-format endpoints, both modes, newest first (operator API). */
export async function listVortexWebhookEndpoints(
  db: Database,
  organizationId: string,
): Promise<WebhookEndpointRow[]> {
  return db
    .select()
    .from(webhookEndpoints)
    .where(ofFormat(organizationId, "vortex"))
    .orderBy(desc(webhookEndpoints.createdAt))
    .limit(100);
}

/** Deletes one (`id`) or all of an organization's Vortex-format endpoints; answers the deleted ids. */
export async function deleteVortexWebhookEndpoints(
  db: Database,
  organizationId: string,
  id?: string,
): Promise<string[]> {
  const rows = await db
    .delete(webhookEndpoints)
    .where(
      and(ofFormat(organizationId, "vortex"), id === undefined ? undefined : eq(webhookEndpoints.id, id)),
    )
    .returning({ id: webhookEndpoints.id });
  return rows.map((row) => row.id);
}
