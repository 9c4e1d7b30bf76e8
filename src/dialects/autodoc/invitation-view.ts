import { INVITATION_STATUSES, type InvitationStatus, isExpired } from "../../core/invitation-status";
import { startUrl } from "../../core/start-url";
import type { InvitationRow } from "../../db/invitations-repo";

/** AutoDoc's words for the core statuses (listed in docs/autodoc-api.md). */
export type AutodocStatus = Exclude<InvitationStatus, "sending" | "accepted" | "accepted_elsewhere">;
/** Every core status but those AutoDoc words differently (sending → pending, accepted → started), in order. */
export const AUTODOC_STATUSES = INVITATION_STATUSES.filter(
  (status): status is AutodocStatus =>
    status !== "sending" && status !== "accepted" && status !== "accepted_elsewhere",
) as [AutodocStatus, ...AutodocStatus[]];

export function autodocStatus(status: string): AutodocStatus {
  if (status === "sending") return "pending";
  if (status === "accepted") return "started";
  return (AUTODOC_STATUSES as readonly string[]).includes(status) ? (status as AutodocStatus) : "pending";
}

/** The core statuses that an AutoDoc status filter stands for. */
export function coreStatusesFor(status: AutodocStatus): InvitationStatus[] {
  if (status === "pending") return ["pending", "sending"];
  return [status];
}

/** The AutoDoc Invitation object; `expired` as of `now` (the status stays where the recipient left it). */
export function invitationView(row: InvitationRow, startOrigin: string, now = new Date()) {
  return {
    token: row.token,
    object: "invitation" as const,
    workflowToken: row.workflowToken,
    channel: row.channel,
    recipient: row.recipient,
    recipientName: row.recipientName,
    locale: row.locale,
    reference: row.reference,
    metadata: row.metadata,
    status: autodocStatus(row.status),
    sentAt: row.sentAt?.toISOString() ?? null,
    deliveryAttempts: row.deliveryAttempts,
    errorMessage: row.errorMessage,
    url: startUrl(startOrigin, row.workflowToken, row.token),
    expiresAt: row.expiresAt.toISOString(),
    expired: isExpired(row.expiresAt, now),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    livemode: row.livemode,
  };
}
