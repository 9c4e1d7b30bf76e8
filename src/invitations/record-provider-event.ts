import type { InvitationRow } from "../db/invitations-repo";
import { findSendByProviderMessage } from "../db/sends-repo";
import { type EventInput, recordEvents } from "../db/timeline";
import { log } from "../log";
import { type CommitContext, commit } from "./commit";

/** What a provider told us about a message, in our words. */
export type ProviderEventKind =
  | "sent"
  | "delivered"
  | "opened"
  | "delayed"
  | "bounced"
  | "failed"
  | "complained";

export interface ProviderEvent {
  provider: string;
  providerMessageId: string;
  /** The provider's own id for this event: it makes a redelivered event count once. */
  eventId: string;
  kind: ProviderEventKind;
  at: Date;
  reason?: string;
  detail?: Record<string, unknown>;
}

function transitionFor(event: ProviderEvent, dialect: InvitationRow["dialect"]): EventInput["transition"] {
  if (event.kind === "delivered") return { to: "delivered", webhookType: "invitation.delivered" };
  if (event.kind === "opened") return { to: "opened", webhookType: "invitation.opened" };
  if (event.kind === "bounced" || event.kind === "failed") {
    const reason = event.reason ?? `The provider reported the message ${event.kind}.`;
    // Vortex names a bounce on its own; other failures have no Vortex webhook (AutoDoc: both `failed`).
    const webhookType =
      dialect === "vortex" && event.kind === "bounced" ? "invitation.email.bounced" : "invitation.failed";
    return { to: "failed", webhookType, errorMessage: reason };
  }
  // sent, delayed, complained: on the timeline only (a complaint is recorded, it does not undo delivery).
  return undefined;
}

/**
 * Vortex's `invitation.email.opened` says the e-mail was opened, whatever the status: it fires on the first
 * open of each e-mail sent (attempt), even after the invitee clicked the link or an earlier e-mail's open
 * moved the status. The core `opened` status move (and its AutoDoc-only webhook) is unchanged.
 */
function vortexEmailOpened(event: ProviderEvent, token: string, attempt: number): EventInput {
  return {
    token,
    type: "email.opened",
    at: event.at,
    data: { provider: event.provider, messageId: event.providerMessageId, attempt },
    webhookType: "invitation.email.opened",
    dedupeKey: `email.opened:${token}:${attempt}`,
  };
}

/**
 * Records a provider event on its invitation's timeline and moves the status forward. A duplicate event
 * (same provider event id) records nothing; an out-of-order one (delivered after opened) moves nothing.
 * Answers false when no send of ours carries that provider message id.
 */
export async function applyProviderEvent(ctx: CommitContext, event: ProviderEvent): Promise<boolean> {
  const send = await findSendByProviderMessage(ctx.db, event.provider, event.providerMessageId);
  if (!send) {
    log("warn", "provider_event_unmatched", { provider: event.provider, messageId: event.providerMessageId });
    return false;
  }
  const transition = transitionFor(event, send.dialect);
  const events: EventInput[] = [
    {
      token: send.invitationToken,
      type: `provider.${event.kind}`,
      at: event.at,
      data: {
        provider: event.provider,
        messageId: event.providerMessageId,
        attempt: send.attempt,
        ...(event.reason ? { reason: event.reason } : {}),
        ...event.detail,
      },
      dedupeKey: `${event.provider}:${event.eventId}`,
      ...(transition ? { transition } : {}),
    },
  ];
  if (send.dialect === "vortex" && event.kind === "opened") {
    events.push(vortexEmailOpened(event, send.invitationToken, send.attempt));
  }
  await commit(ctx, recordEvents(ctx.db, events));
  return true;
}
