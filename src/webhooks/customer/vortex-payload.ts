import type { VortexWebhookEventType } from "../../core/webhook-audience";
import type { vortexInvitationView } from "../../dialects/vortex/invitation-view";

/**
 * The body of a Vortex webhook: a state-change event (`VortexWebhookEvent`, vortex-api.md §5) about the
 * invitation as `view` shows it. `id` is the event's public id, the same on every redelivery and for every
 * endpoint, so that receivers can dedupe on it. `accountId` and `environmentId` are the `accountId` and
 * `deploymentId` the API shows on the invitation.
 */
export function vortexEventBody(
  event: { publicId: string; occurredAt: Date },
  view: ReturnType<typeof vortexInvitationView>,
  type: VortexWebhookEventType,
): string {
  const [target] = view.target;
  if (!target) throw new Error(`Vortex invitation ${view.id} has no target`);
  return JSON.stringify({
    id: event.publicId,
    type,
    timestamp: event.occurredAt.toISOString(),
    accountId: view.accountId,
    environmentId: view.deploymentId,
    sourceTable: "invitations",
    operation: type === "invitation.created" ? "insert" : "update",
    data: {
      invitationId: view.id,
      status: view.status,
      targetType: target.type,
      targetValue: target.value,
      ...(target.type === "email" ? { targetEmail: target.value } : {}),
      widgetConfigurationId: view.widgetConfigurationId,
      foreignCreatorId: view.foreignCreatorId,
      ...(view.groups.length > 0 ? { groups: view.groups } : {}),
      metadata: view.metadata,
    },
  });
}
