import type { Database } from "../../db/client";
import { type EventRow, findEvent, markDispatched, storePayload } from "../../db/events-repo";
import { findInvitationByToken, type InvitationRow } from "../../db/invitations-repo";
import { subscribedEndpoints, type WebhookFormat } from "../../db/webhook-endpoints-repo";
import { invitationView } from "../../dialects/autodoc/invitation-view";
import { sendMessages } from "../../queues/producer";
import type { DeliverMessage } from "./message";
import { type VortexWebhookEventType, vortexWebhookType } from "./vortex-event-types";
import { vortexEventBody } from "./vortex-payload";

type Audience =
  | { format: Extract<WebhookFormat, "standard">; type: string }
  | { format: Extract<WebhookFormat, "vortex">; type: VortexWebhookEventType };

/**
 * Each dialect's invitations go to its own endpoints only: AutoDoc ones to standard endpoints under the
 * stored type; Vortex ones to Vortex-format endpoints under the Vortex type the stored event stands for
 * (none when Vortex has no such webhook).
 */
function audienceOf(webhookType: string, invitation: InvitationRow): Audience | null {
  if (invitation.dialect === "autodoc") return { format: "standard", type: webhookType };
  const type = vortexWebhookType(webhookType, invitation);
  return type ? { format: "vortex", type } : null;
}

/**
 * AutoDoc: `{type, timestamp, data}` with the invitation (and its `metadata`) as `data`, in Standard
 * Webhooks' payload shape. Vortex: the state-change event of vortex-api.md §5.
 */
async function bodyFor(
  env: Env,
  db: Database,
  event: EventRow,
  invitation: InvitationRow,
  audience: Audience,
): Promise<string> {
  if (audience.format === "vortex") return vortexEventBody(db, event, invitation, audience.type);
  return JSON.stringify({
    type: audience.type,
    timestamp: event.occurredAt.toISOString(),
    data: invitationView(invitation, env.START_ORIGIN),
  });
}

/**
 * One webhook event → one delivery message per subscribed endpoint, any number of them. The payload is
 * rendered once, from the invitation as it is at the first fan-out, and stored on the event before any
 * delivery is queued; the deliveries carry references to it.
 */
export async function fanOut(env: Env, db: Database, eventId: number): Promise<number> {
  const event = await findEvent(db, eventId);
  if (!event?.webhookType || event.dispatchedAt) return 0;
  const invitation = await findInvitationByToken(db, event.invitationToken);
  const audience = invitation ? audienceOf(event.webhookType, invitation) : null;
  const scope = { organizationId: event.organizationId, livemode: event.livemode };
  const endpoints = audience ? await subscribedEndpoints(db, scope, audience.format, audience.type) : [];
  if (invitation && audience && endpoints.length > 0) {
    if (event.payload === null) {
      await storePayload(db, event.id, await bodyFor(env, db, event, invitation, audience));
    }
    const messages = endpoints.map(
      (endpoint): DeliverMessage => ({
        v: 1,
        kind: "deliver",
        webhookId: event.publicId,
        eventId: event.id,
        invitationToken: event.invitationToken,
        endpointId: endpoint.id,
        type: audience.type,
      }),
    );
    await sendMessages(env.WEBHOOKS, messages);
  }
  // Marked after the sends: a crash in between repeats the fan-out, and the delivery dedupe absorbs it.
  await markDispatched(db, event.id, new Date());
  return endpoints.length;
}
