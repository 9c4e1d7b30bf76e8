import { and, asc, eq, isNull, lt, sql } from "drizzle-orm";
import type { Scope } from "../core/scope";
import type { Database } from "./client";
import { invitationEvents, webhookEndpoints } from "./schema";
import { eventInsertStatement } from "./timeline";
import type { WebhookEndpointRow } from "./webhook-endpoints-repo";

export type EventRow = typeof invitationEvents.$inferSelect;

/** The timeline, oldest first (served by the (invitation_token, id) index). */
export async function listTimeline(db: Database, scope: Scope, token: string): Promise<EventRow[]> {
  return db
    .select()
    .from(invitationEvents)
    .where(
      and(
        eq(invitationEvents.invitationToken, token),
        eq(invitationEvents.organizationId, scope.organizationId),
        eq(invitationEvents.livemode, scope.livemode),
      ),
    )
    .orderBy(asc(invitationEvents.id))
    .limit(1000);
}

export async function findEvent(db: Database, id: number): Promise<EventRow | null> {
  return (await db.select().from(invitationEvents).where(eq(invitationEvents.id, id)).get()) ?? null;
}

/** Marks a webhook event as fanned out; answers false when another consumer already did. */
export async function markDispatched(db: Database, id: number, now: Date): Promise<boolean> {
  const rows = await db
    .update(invitationEvents)
    .set({ dispatchedAt: now })
    .where(and(eq(invitationEvents.id, id), isNull(invitationEvents.dispatchedAt)))
    .returning({ id: invitationEvents.id });
  return rows.length > 0;
}

/**
 * What a fan-out needs, in one round trip: the event, and the enabled endpoints its insert found subscribed
 * (its `fanout`), by id. An endpoint deleted or disabled since is not among them; one created since never
 * was (the subscription as of the event's commit). Empty for an event stored before `fanout` was kept.
 */
export async function findFanout(
  db: Database,
  id: number,
): Promise<{ event: EventRow; endpoints: WebhookEndpointRow[] } | null> {
  const subscribed = sql`(SELECT value FROM json_each((SELECT json_extract(${invitationEvents.fanout}, '$.endpoints') FROM ${invitationEvents} WHERE ${invitationEvents.id} = ${id})))`;
  const [events, endpoints] = await db.batch([
    db.select().from(invitationEvents).where(eq(invitationEvents.id, id)),
    db
      .select()
      .from(webhookEndpoints)
      .where(and(sql`${webhookEndpoints.id} IN ${subscribed}`, eq(webhookEndpoints.status, "enabled"))),
  ]);
  const [event] = events;
  return event ? { event, endpoints } : null;
}

/**
 * Gives up on an event whose fan-out never succeeded: it is marked dispatched, so that the repair stops
 * picking it, and the timeline says why. Nothing is recorded when a copy of the fan-out got through.
 */
export async function abandonFanout(db: Database, event: EventRow, reason: string, now: Date): Promise<void> {
  const undispatched = and(eq(invitationEvents.id, event.id), isNull(invitationEvents.dispatchedAt));
  const entry = eventInsertStatement(db, {
    token: event.invitationToken,
    type: "webhook.fanout_abandoned",
    at: now,
    data: { webhookId: event.publicId, event: event.webhookType, reason },
    dedupeKey: `webhook:${event.publicId}:fanout_abandoned`,
    guard: sql`EXISTS (SELECT 1 FROM ${invitationEvents} WHERE ${undispatched})`,
  });
  // The entry first: it reads the event as still undispatched, then the update marks it.
  await db.batch([entry, db.update(invitationEvents).set({ dispatchedAt: now }).where(undispatched)]);
}

/** Webhook events whose fan-out message never arrived, oldest first (served by the partial index, in order). */
export async function findUndispatched(db: Database, olderThan: Date, limit: number) {
  return db
    .select({ id: invitationEvents.id })
    .from(invitationEvents)
    .where(
      and(
        sql`${invitationEvents.webhookType} IS NOT NULL`,
        isNull(invitationEvents.dispatchedAt),
        lt(invitationEvents.occurredAt, olderThan),
      ),
    )
    .orderBy(asc(invitationEvents.occurredAt))
    .limit(limit);
}
