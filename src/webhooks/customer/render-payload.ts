import { VORTEX_WEBHOOK_EVENT_TYPES, type VortexWebhookEventType } from "../../core/webhook-audience";
import type { DeliveryTarget } from "../../db/webhook-deliveries-repo";
import { invitationView } from "../../dialects/autodoc/invitation-view";
import { vortexInvitationView } from "../../dialects/vortex/invitation-view";
import { vortexEventBody } from "./vortex-payload";

const isVortexType = (type: string): type is VortexWebhookEventType =>
  (VORTEX_WEBHOOK_EVENT_TYPES as readonly string[]).includes(type);

/**
 * The webhook body of a delivery, in its endpoint's format, from the invitation as it is now: AutoDoc's
 * `{type, timestamp, data}` with the invitation (and its `metadata`) as `data`, in Standard Webhooks'
 * payload shape; Vortex's state-change event (vortex-api.md §5). A body stored with the event (by the
 * fan-out of the code before the SendGate kept bodies) is that body. Null when it cannot be rendered: the
 * invitation is gone, or a Vortex endpoint was handed a type Vortex does not have.
 */
export function webhookPayload(env: Env, target: DeliveryTarget, type: string, now: Date): string | null {
  if (target.event.payload !== null) return target.event.payload;
  const { invitation, event } = target;
  if (invitation === null) return null;
  if (target.endpoint.format === "vortex") {
    if (!isVortexType(type)) return null;
    return vortexEventBody(event, vortexInvitationView(invitation, target.groups, target.accepts, now), type);
  }
  return JSON.stringify({
    type,
    timestamp: event.occurredAt.toISOString(),
    data: invitationView(invitation, env.START_ORIGIN),
  });
}
