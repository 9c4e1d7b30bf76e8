import { invitationView } from "../../api/autodoc/invitation-view";
import type { Database } from "../../db/client";
import { findEvent, markDispatched } from "../../db/events-repo";
import { findInvitationByToken } from "../../db/invitations-repo";
import { subscribedEndpoints } from "../../db/webhook-endpoints-repo";
import type { WebhookMessage } from "./message";

/**
 * One webhook event → one delivery message per subscribed endpoint. The payload is rendered once, here,
 * from the invitation as it is now, and carried by every delivery: `{type, timestamp, data}` with the
 * invitation (and its `metadata`) as `data`, in Standard Webhooks' payload shape.
 */
export async function fanOut(env: Env, db: Database, eventId: number): Promise<number> {
  const event = await findEvent(db, eventId);
  if (!event?.webhookType || event.dispatchedAt) return 0;
  const invitation = await findInvitationByToken(db, event.invitationToken);
  // AutoDoc endpoints get AutoDoc invitations only; the Vortex dialect signs and shapes its own webhooks.
  if (invitation?.dialect !== "autodoc") {
    await markDispatched(db, eventId, new Date());
    return 0;
  }
  const scope = { organizationId: event.organizationId, livemode: event.livemode };
  const endpoints = await subscribedEndpoints(db, scope, event.webhookType);
  const body = JSON.stringify({
    type: event.webhookType,
    timestamp: event.occurredAt.toISOString(),
    data: invitationView(invitation, env.START_ORIGIN),
  });
  const messages: WebhookMessage[] = endpoints.map((endpoint) => ({
    v: 1,
    kind: "deliver",
    webhookId: event.publicId,
    eventId: event.id,
    invitationToken: event.invitationToken,
    endpointId: endpoint.id,
    type: event.webhookType ?? "",
    body,
  }));
  if (messages.length > 0) {
    await env.WEBHOOKS.sendBatch(
      messages.map((message) => ({ body: message, contentType: "json" as const })),
    );
  }
  // Marked after the sends: a crash in between repeats the fan-out, and the delivery dedupe absorbs it.
  await markDispatched(db, event.id, new Date());
  return messages.length;
}
