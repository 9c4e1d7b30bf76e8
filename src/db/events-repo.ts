import { and, asc, eq, inArray, isNull, lt, type SQL, sql } from "drizzle-orm";
import { type InvitationStatus, statusesBefore } from "../core/invitation-status";
import type { Scope } from "../core/scope";
import { newToken } from "../core/tokens";
import type { Database } from "./client";
import { invitationEvents, invitations } from "./schema";

export type EventRow = typeof invitationEvents.$inferSelect;

export interface EventInput {
  token: string;
  /** The timeline's name for what happened, e.g. `send.accepted`, `provider.delivered`, `link.opened`. */
  type: string;
  at: Date;
  data?: Record<string, unknown>;
  /** Makes a source event count once however often it arrives (provider event id, attempt…). */
  dedupeKey?: string;
  /** A status this event moves the invitation to, forward only; its webhook fires only if it does move. */
  transition?: { to: InvitationStatus; webhookType: string; errorMessage?: string };
  /** A webhook that fires whenever this event is new (created, resent, expired). */
  webhookType?: string;
  /** Extra conditions on the invitation for the event to be recorded at all (e.g. the link is still valid). */
  guard?: SQL;
}

/**
 * The timeline row of an event. When the event moves the status, its webhook type is set only if the
 * invitation's status is still before the target: put this statement before the update in a batch, and
 * both see the same state, so a webhook fires exactly when the status moves.
 */
export function eventInsertStatement(db: Database, event: EventInput) {
  return eventInsertStatementWhere(db, eq(invitations.token, event.token), event);
}

/** The same timeline row, for an invitation found by another unique key (e.g. its short code) instead of its token. */
export function eventInsertStatementWhere(db: Database, match: SQL, event: Omit<EventInput, "token">) {
  return eventRowsInsert(db, match, event, {
    publicId: sql`${newToken("evt")}`,
    dedupeKey: sql`${event.dedupeKey ?? null}`,
  });
}

/**
 * The same event for every invitation that `match` selects, however many: one statement, each row with its
 * own public id (`evt_` and 24 random hex digits) and `<dedupePrefix>:<token>` as its dedupe key, so a
 * repeat records nothing for the invitations that already have it.
 */
export function eventInsertStatementEach(
  db: Database,
  match: SQL,
  event: Omit<EventInput, "token" | "dedupeKey" | "transition"> & { dedupePrefix: string },
) {
  return eventRowsInsert(db, match, event, {
    publicId: sql`'evt_' || lower(hex(randomblob(12)))`,
    dedupeKey: sql`${`${event.dedupePrefix}:`} || ${invitations.token}`,
  });
}

function eventRowsInsert(
  db: Database,
  match: SQL | undefined,
  event: Omit<EventInput, "token" | "dedupeKey">,
  keys: { publicId: SQL; dedupeKey: SQL },
) {
  const { transition } = event;
  const constant = <T>(value: T) => sql`${value}`;
  const webhookType = transition
    ? sql<
        string | null
      >`CASE WHEN ${inArray(invitations.status, statusesBefore(transition.to))} THEN ${transition.webhookType} ELSE NULL END`
    : constant(event.webhookType ?? null);
  // drizzle wants every column, in table order; `id: NULL` lets SQLite assign the next rowid.
  const row = db
    .select({
      id: constant(null).as("id"),
      publicId: keys.publicId.as("public_id"),
      invitationToken: invitations.token,
      organizationId: invitations.organizationId,
      livemode: invitations.livemode,
      type: constant(event.type).as("type"),
      webhookType: webhookType.as("webhook_type"),
      data: constant(JSON.stringify(event.data ?? {})).as("data"),
      dedupeKey: keys.dedupeKey.as("dedupe_key"),
      occurredAt: constant(event.at.getTime()).as("occurred_at"),
      dispatchedAt: constant(null).as("dispatched_at"),
      payload: constant(null).as("payload"),
    })
    .from(invitations)
    .where(and(match, event.guard));
  return db
    .insert(invitationEvents)
    .select(row)
    .onConflictDoNothing()
    .returning({ id: invitationEvents.id, webhook_type: invitationEvents.webhookType });
}

/** Reads what an event insert answered inside a batch's results. */
export function recordedFrom(results: readonly unknown[]): RecordedEvent[] {
  return results
    .filter((result): result is { id: number; webhook_type: string | null }[] => Array.isArray(result))
    .flatMap((rows) => rows.map((row) => ({ id: row.id, webhookType: row.webhook_type })));
}

/** The statements for one event: the timeline row (with its webhook, if any) and the guarded status move. */
function statementsFor(db: Database, event: EventInput) {
  const { transition } = event;
  const insert = eventInsertStatement(db, event);
  if (!transition) return [insert] as const;
  const update = db
    .update(invitations)
    .set({
      status: transition.to,
      updatedAt: event.at,
      ...(transition.errorMessage === undefined ? {} : { errorMessage: transition.errorMessage }),
      ...(transition.to === "opened"
        ? { openedAt: sql`COALESCE(${invitations.openedAt}, ${event.at.getTime()})` }
        : {}),
    })
    .where(
      and(
        eq(invitations.token, event.token),
        inArray(invitations.status, statusesBefore(transition.to)),
        event.guard,
      ),
    );
  return [insert, update] as const;
}

export interface RecordedEvent {
  id: number;
  webhookType: string | null;
}

/**
 * Records events of one invitation in one batch, in order: each reads the status the previous one left.
 * Answers the events that were new (a duplicate dedupe key records nothing and moves nothing further,
 * because status only moves forward).
 */
export async function recordEvents(db: Database, events: EventInput[]): Promise<RecordedEvent[]> {
  const statements = events.flatMap((event) => statementsFor(db, event));
  const [first, ...rest] = statements;
  if (!first) return [];
  return recordedFrom(await db.batch([first, ...rest]));
}

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
 * Stores an event's webhook payload unless one is stored already, and answers the stored one: a repeated
 * fan-out (a crash before the mark, a duplicate message) keeps the bytes of the first.
 */
export async function storePayload(db: Database, id: number, payload: string): Promise<string> {
  const row = await db
    .update(invitationEvents)
    .set({ payload: sql`COALESCE(${invitationEvents.payload}, ${payload})` })
    .where(eq(invitationEvents.id, id))
    .returning({ payload: invitationEvents.payload })
    .get();
  if (!row?.payload) throw new Error(`webhook event ${id} is missing`);
  return row.payload;
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
