import type { InvitationRow } from "../../db/invitations-repo";

/** The Vortex webhook types we emit (vortex-api.md §5); a Vortex-format endpoint subscribes to some of them. */
export const VORTEX_WEBHOOK_EVENT_TYPES = [
  "invitation.created",
  "invitation.accepted",
  "invitation.deactivated",
  "invitation.email.delivered",
  "invitation.email.bounced",
  "invitation.email.opened",
  "invitation.link.clicked",
] as const;
export type VortexWebhookEventType = (typeof VORTEX_WEBHOOK_EVENT_TYPES)[number];

/** Stored under the Vortex name already (accept, revoke, short-link click, provider bounce and open). */
const PASSED_THROUGH: readonly VortexWebhookEventType[] = [
  "invitation.accepted",
  "invitation.deactivated",
  "invitation.link.clicked",
  "invitation.email.opened",
  "invitation.email.bounced",
];

/**
 * The Vortex webhook a stored event stands for on a Vortex invitation, or null when Vortex has no such
 * webhook (sent, resent, failed, the core's `opened`…). Shared core events keep their core name when stored
 * and are translated here: delivered is an e-mail event in Vortex, and expiry is a deactivation — unless
 * the invitation was revoked already, which announced the deactivation once.
 */
export function vortexWebhookType(stored: string, invitation: InvitationRow): VortexWebhookEventType | null {
  if (stored === "invitation.created") return "invitation.created";
  if (stored === "invitation.delivered") {
    return invitation.channel === "email" ? "invitation.email.delivered" : null;
  }
  if (stored === "invitation.expired") return invitation.deactivated ? null : "invitation.deactivated";
  return PASSED_THROUGH.find((type) => type === stored) ?? null;
}
