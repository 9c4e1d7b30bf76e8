import { type SQL, sql } from "drizzle-orm";
import { FORMAT_OF_DIALECT, VORTEX_AUDIENCE, type VortexCondition } from "../core/webhook-audience";
import { invitations } from "./schema";

/**
 * A constant of ours (a type, status or format name) as an SQL literal. The expressions below repeat, and a
 * literal binds no parameter (D1 binds at most 100 a statement). Anything but a plain name is refused.
 */
export function literal(value: string): SQL {
  if (!/^[A-Za-z0-9_.:-]+$/.test(value)) throw new Error(`literal: "${value}" is not a plain constant`);
  return sql.raw(`'${value}'`);
}

const CONDITIONS: Record<VortexCondition, SQL> = {
  email_channel: sql`${invitations.channel} = 'email'`,
  not_deactivated: sql`${invitations.deactivated} = 0`,
};

/** The type the stored event has in the dialect of the invitation being selected; NULL when it has none. */
function audienceType(stored: string): SQL {
  const vortex = VORTEX_AUDIENCE[stored];
  let vortexType = sql`NULL`;
  if (vortex?.when) vortexType = sql`CASE WHEN ${CONDITIONS[vortex.when]} THEN ${literal(vortex.type)} END`;
  else if (vortex) vortexType = literal(vortex.type);
  return sql`CASE WHEN ${invitations.dialect} = ${literal("autodoc")} THEN ${literal(stored)} ELSE ${vortexType} END`;
}

const FORMAT = sql`CASE WHEN ${invitations.dialect} = ${literal("autodoc")} THEN ${literal(
  FORMAT_OF_DIALECT.autodoc,
)} ELSE ${literal(FORMAT_OF_DIALECT.vortex)} END`;

/**
 * The ids (a JSON array) of the enabled endpoints of the selected invitation's organization, mode and format
 * that subscribe to `type` (served by the endpoints' (organization, mode) index).
 */
function subscribedEndpoints(type: SQL): SQL {
  return sql`(SELECT json_group_array(e.id) FROM webhook_endpoints AS e
    WHERE e.organization_id = ${invitations.organizationId} AND e.livemode = ${invitations.livemode}
      AND e.format = ${FORMAT} AND e.status = 'enabled'
      AND EXISTS (SELECT 1 FROM json_each(e.events) AS subscribed WHERE subscribed.value = ${type}))`;
}

/** A webhook an event fires: its stored type, and the condition it fires on (the status moved), if any. */
export interface EventWebhook {
  stored: string;
  when?: SQL;
}

/**
 * The webhook columns of an event row, computed as it is inserted (… SELECT FROM invitations): its type, its
 * `fanout` (the type its endpoints get and the endpoints subscribed to it as of this statement) and, when no
 * endpoint subscribes, `dispatched_at` at once: such an event costs nothing more, no message, no read.
 */
export function webhookColumns(webhook: EventWebhook | null, now: Date) {
  if (webhook === null)
    return { webhookType: sql<string | null>`NULL`, fanout: sql`NULL`, dispatchedAt: sql`NULL` };
  const fires = webhook.when ?? sql`1`;
  const type = audienceType(webhook.stored);
  const endpoints = subscribedEndpoints(type);
  return {
    webhookType: webhook.when
      ? sql<string | null>`CASE WHEN ${fires} THEN ${literal(webhook.stored)} END`
      : sql<string | null>`${literal(webhook.stored)}`,
    fanout: sql`CASE WHEN ${fires} THEN json_object('type', ${type}, 'endpoints', json(${endpoints})) END`,
    dispatchedAt: sql`CASE WHEN ${fires} AND ${endpoints} = '[]' THEN ${now.getTime()} END`,
  };
}
