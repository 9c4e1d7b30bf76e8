import { and, eq, type SQL, sql } from "drizzle-orm";
import type { InvitationStatus } from "../core/invitation-status";
import { newToken } from "../core/tokens";
import type { Database } from "./client";
import { webhookColumns } from "./event-fanout";
import { type Plan, plan } from "./plan";
import { type EventFanout, invitationEvents, invitations } from "./schema";
import { isBefore, moveInvitation } from "./transitions";

/**
 * Writes to an invitation's timeline. A row whose `webhookType` is set is also a customer webhook event
 * (published by commit()); `dedupeKey` makes each source event count once however often it arrives.
 */

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
  const webhook = transition
    ? { stored: transition.webhookType, when: isBefore(transition.to) }
    : event.webhookType
      ? { stored: event.webhookType }
      : null;
  const columns = webhookColumns(webhook, event.at);
  // drizzle wants every column, in table order; `id: NULL` lets SQLite assign the next rowid.
  const row = db
    .select({
      id: constant(null).as("id"),
      publicId: keys.publicId.as("public_id"),
      invitationToken: invitations.token,
      organizationId: invitations.organizationId,
      livemode: invitations.livemode,
      type: constant(event.type).as("type"),
      webhookType: columns.webhookType.as("webhook_type"),
      data: constant(JSON.stringify(event.data ?? {})).as("data"),
      dedupeKey: keys.dedupeKey.as("dedupe_key"),
      occurredAt: constant(event.at.getTime()).as("occurred_at"),
      dispatchedAt: columns.dispatchedAt.as("dispatched_at"),
      payload: constant(null).as("payload"),
      fanout: columns.fanout.as("fanout"),
    })
    .from(invitations)
    .where(and(match, event.guard));
  return db.insert(invitationEvents).select(row).onConflictDoNothing().returning({
    id: invitationEvents.id,
    public_id: invitationEvents.publicId,
    invitation_token: invitationEvents.invitationToken,
    webhook_type: invitationEvents.webhookType,
    fanout: invitationEvents.fanout,
  });
}

interface ReturnedEvent {
  id: number;
  public_id: string;
  invitation_token: string;
  webhook_type: string | null;
  fanout: EventFanout | null;
}

const isReturnedEvent = (row: unknown): row is ReturnedEvent =>
  typeof row === "object" && row !== null && "webhook_type" in row && "fanout" in row;

/** Reads what the event inserts answered inside a batch's results (other statements' rows are ignored). */
export function recordedFrom(results: readonly unknown[]): RecordedEvent[] {
  return results
    .filter((result): result is unknown[] => Array.isArray(result))
    .flatMap((rows) => rows.filter(isReturnedEvent))
    .map((row) => ({
      id: row.id,
      publicId: row.public_id,
      invitationToken: row.invitation_token,
      webhookType: row.webhook_type,
      fanout: row.fanout,
    }));
}

/** The statements for one event: the timeline row (with its webhook, if any) and the guarded status move. */
export function statementsFor(db: Database, event: EventInput) {
  const { transition } = event;
  const insert = eventInsertStatement(db, event);
  if (!transition) return [insert] as const;
  const also = transition.errorMessage === undefined ? {} : { errorMessage: transition.errorMessage };
  return [insert, moveInvitation(db, event.token, transition.to, event.at, also, event.guard)] as const;
}

/** An event a batch recorded, as commit() publishes it. */
export interface RecordedEvent {
  id: number;
  publicId: string;
  invitationToken: string;
  /** The webhook it fired, if any. */
  webhookType: string | null;
  /** Who hears of it, decided as it was recorded (null: no webhook, or an event recorded before this was kept). */
  fanout: EventFanout | null;
}

/**
 * Events of one invitation as one write, in order: each reads the status the previous one left. What it
 * records is the events that were new (a duplicate dedupe key records nothing and moves nothing further,
 * because status only moves forward).
 */
export function recordEvents(db: Database, events: EventInput[]): Plan<void> {
  return plan(
    events.flatMap((event) => statementsFor(db, event)),
    (results) => ({ value: undefined, events: recordedFrom(results) }),
  );
}
