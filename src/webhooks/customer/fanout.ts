import { audienceOf } from "../../core/webhook-audience";
import type { Database } from "../../db/client";
import { type EventRow, findFanout, markDispatched } from "../../db/events-repo";
import { findInvitationByToken } from "../../db/invitations-repo";
import { subscribedEndpoints, type WebhookEndpointRow } from "../../db/webhook-endpoints-repo";
import { sendMessages } from "../../queues/producer";
import { deliveriesOf } from "./dispatch-plan";

/**
 * Who hears of an event stored before its insert found its subscribers: the endpoints of its organization,
 * mode and format subscribed to its type now.
 */
async function currentAudience(db: Database, event: EventRow & { webhookType: string }) {
  const invitation = await findInvitationByToken(db, event.invitationToken);
  const audience = invitation ? audienceOf(event.webhookType, invitation) : null;
  if (!audience) return null;
  const scope = { organizationId: event.organizationId, livemode: event.livemode };
  return {
    type: audience.type,
    endpoints: await subscribedEndpoints(db, scope, audience.format, audience.type),
  };
}

/**
 * One webhook event → one delivery message per endpoint that its insert found subscribed (still enabled),
 * any number of them: the repair of an event whose commit's queue send was lost, or an event whose
 * deliveries did not fit in its commit's one batch. The deliveries carry references; each renders the
 * payload, and the invitation's SendGate keeps the first one rendered for every endpoint and retry.
 */
export async function fanOut(env: Env, db: Database, eventId: number): Promise<number> {
  const found = await findFanout(db, eventId);
  const event = found?.event;
  if (!found || !event?.webhookType || event.dispatchedAt) return 0;
  let audience: { type: string | null; endpoints: WebhookEndpointRow[] } | null = null;
  if (event.fanout) audience = { type: event.fanout.type, endpoints: found.endpoints };
  else audience = await currentAudience(db, { ...event, webhookType: event.webhookType });
  const endpointIds = audience?.endpoints.map((endpoint) => endpoint.id) ?? [];
  if (audience?.type && endpointIds.length > 0) {
    await sendMessages(env.WEBHOOKS, deliveriesOf(event, audience.type, endpointIds, false));
  }
  // Marked after the sends: a crash in between repeats the fan-out, and the delivery dedupe absorbs it.
  await markDispatched(db, event.id, new Date());
  return endpointIds.length;
}
