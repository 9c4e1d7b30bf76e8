import { and, isNull } from "drizzle-orm";
import { inList } from "./bounded";
import type { Database } from "./client";
import type { InvitationRow } from "./invitations-repo";
import { type Plan, plan, type Statement } from "./plan";
import { invitationEvents, invitations, webhookEndpoints } from "./schema";
import { type AcceptRow, type GroupRow, relationReads } from "./vortex-invitations-repo";
import type { WebhookEndpointRow } from "./webhook-endpoints-repo";

/** One delivery to read for: its endpoint and event, the timeline key of its success, and its invitation. */
export interface DeliveryKey {
  endpointId: string;
  eventId: number;
  invitationToken: string;
  deliveredKey: string;
  /** The commit queued it with every other delivery of its event: reading it marks the event dispatched. */
  dispatches: boolean;
}

/** What one delivery needs to render, sign and post its webhook. */
export interface DeliveryTarget {
  endpoint: WebhookEndpointRow;
  event: { publicId: string; occurredAt: Date; payload: string | null };
  /** Null when the invitation is gone. */
  invitation: InvitationRow | null;
  /** Whether this endpoint has already received this event (its `delivered` timeline entry exists). */
  delivered: boolean;
  /** The invitation's Vortex groups and accepts, which its Vortex payload shows. */
  groups: GroupRow[];
  accepts: AcceptRow[];
}

/**
 * What any number of deliveries need, in one round trip: for each its endpoint, event, invitation and
 * whether it was delivered (null when the endpoint or event is gone), with the invitations' groups and
 * accepts. Deliveries that a commit queued mark their events dispatched in the same batch. Each read is one
 * statement for the whole list (a join would give its tables' columns of the same name to one another).
 */
export function readDeliveryTargets(
  db: Database,
  keys: readonly DeliveryKey[],
  now: Date,
): Plan<(DeliveryTarget | null)[]> {
  const dispatching = keys.filter((key) => key.dispatches).map((key) => key.eventId);
  const marks: Statement[] =
    dispatching.length === 0
      ? []
      : [
          db
            .update(invitationEvents)
            .set({ dispatchedAt: now })
            .where(and(inList(invitationEvents.id, dispatching), isNull(invitationEvents.dispatchedAt))),
        ];
  const tokens = [...new Set(keys.map((key) => key.invitationToken))];
  const reads = [
    db
      .select()
      .from(webhookEndpoints)
      .where(
        inList(
          webhookEndpoints.id,
          keys.map((key) => key.endpointId),
        ),
      ),
    db
      .select({
        id: invitationEvents.id,
        publicId: invitationEvents.publicId,
        occurredAt: invitationEvents.occurredAt,
        payload: invitationEvents.payload,
      })
      .from(invitationEvents)
      .where(
        inList(
          invitationEvents.id,
          keys.map((key) => key.eventId),
        ),
      ),
    db
      .select({ key: invitationEvents.dedupeKey })
      .from(invitationEvents)
      .where(
        inList(
          invitationEvents.dedupeKey,
          keys.map((key) => key.deliveredKey),
        ),
      ),
    db.select().from(invitations).where(inList(invitations.token, tokens)),
    ...relationReads(db, tokens),
  ] as const;
  return plan([...marks, ...reads], (results) => {
    const [endpoints, events, delivered, rows, groups, accepts] = results.slice(marks.length) as [
      WebhookEndpointRow[],
      (DeliveryTarget["event"] & { id: number })[],
      { key: string | null }[],
      InvitationRow[],
      GroupRow[],
      AcceptRow[],
    ];
    const deliveredKeys = new Set(delivered.map((row) => row.key));
    const value = keys.map((key): DeliveryTarget | null => {
      const endpoint = endpoints.find((row) => row.id === key.endpointId);
      const event = events.find((row) => row.id === key.eventId);
      if (!endpoint || !event) return null;
      const token = key.invitationToken;
      return {
        endpoint,
        event: { publicId: event.publicId, occurredAt: event.occurredAt, payload: event.payload },
        invitation: rows.find((row) => row.token === token) ?? null,
        delivered: deliveredKeys.has(key.deliveredKey),
        groups: groups.filter((group) => group.invitationToken === token),
        accepts: accepts.filter((accept) => accept.invitationToken === token),
      };
    });
    return { value, events: [] };
  });
}
