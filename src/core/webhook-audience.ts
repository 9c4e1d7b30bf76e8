/**
 * Who hears of a webhook event: the endpoints of the invitation's dialect, under the type that dialect gives
 * the stored event. One rule, read in two places: here, and in SQL by the statement that records the event
 * (db/event-fanout.ts), which finds the endpoints subscribed to it as it commits.
 */

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

/** A condition on the invitation for a stored event to have its Vortex webhook. */
export type VortexCondition = "email_channel" | "not_deactivated";

/**
 * The Vortex webhook each stored event stands for on a Vortex invitation; a stored type not listed has none
 * (sent, resent, failed, the core's `opened`…). Shared core events keep their core name when stored and are
 * translated here: delivered is an e-mail event in Vortex, and expiry is a deactivation — unless the
 * invitation was revoked already, which announced the deactivation once. The others are stored under the
 * Vortex name already (accept, revoke, short-link click, provider bounce and open).
 */
export const VORTEX_AUDIENCE: Readonly<
  Record<string, { type: VortexWebhookEventType; when?: VortexCondition }>
> = {
  "invitation.created": { type: "invitation.created" },
  "invitation.delivered": { type: "invitation.email.delivered", when: "email_channel" },
  "invitation.expired": { type: "invitation.deactivated", when: "not_deactivated" },
  "invitation.accepted": { type: "invitation.accepted" },
  "invitation.deactivated": { type: "invitation.deactivated" },
  "invitation.link.clicked": { type: "invitation.link.clicked" },
  "invitation.email.opened": { type: "invitation.email.opened" },
  "invitation.email.bounced": { type: "invitation.email.bounced" },
};

/** What the rule reads of the invitation. */
export interface AudienceFacts {
  dialect: "autodoc" | "vortex";
  channel: "email" | "sms";
  deactivated: boolean;
}

/** The webhook a stored event stands for on a Vortex invitation, or null when Vortex has none. */
export function vortexWebhookType(stored: string, invitation: AudienceFacts): VortexWebhookEventType | null {
  const audience = VORTEX_AUDIENCE[stored];
  if (!audience) return null;
  if (audience.when === "email_channel" && invitation.channel !== "email") return null;
  if (audience.when === "not_deactivated" && invitation.deactivated) return null;
  return audience.type;
}

/** Each dialect's invitations go to endpoints of its own format only. */
export type WebhookFormat = "standard" | "vortex";

export const FORMAT_OF_DIALECT: Readonly<Record<AudienceFacts["dialect"], WebhookFormat>> = {
  autodoc: "standard",
  vortex: "vortex",
};

/**
 * The endpoints' format and the type they get for a stored event: AutoDoc invitations go to standard
 * endpoints under the stored type; Vortex ones to Vortex-format endpoints under the Vortex type (none when
 * Vortex has no such webhook).
 */
export function audienceOf(
  stored: string,
  invitation: AudienceFacts,
): { format: WebhookFormat; type: string } | null {
  const format = FORMAT_OF_DIALECT[invitation.dialect];
  if (invitation.dialect === "autodoc") return { format, type: stored };
  const type = vortexWebhookType(stored, invitation);
  return type ? { format, type } : null;
}
