import type { Database } from "../../db/client";
import type { EventRow } from "../../db/events-repo";
import type { InvitationRow } from "../../db/invitations-repo";
import { renderInvitation } from "../../dialects/vortex/render";
import type { VortexWebhookEventType } from "./vortex-event-types";

/**
 * The body of a Vortex webhook: a state-change event (`VortexWebhookEvent`, vortex-api.md §5) about the
 * invitation row as it is now. `id` is the event's public id, the same on every redelivery and for every
 * endpoint, so that receivers can dedupe on it. `accountId` and `environmentId` are the `accountId` and
 * `deploymentId` the API shows on the invitation.
 */
export async function vortexEventBody(
  db: Database,
  event: EventRow,
  invitation: InvitationRow,
  type: VortexWebhookEventType,
): Promise<string> {
  const view = await renderInvitation(db, invitation);
  const [target] = view.target;
  if (!target) throw new Error(`Vortex invitation ${invitation.token} has no target`);
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
