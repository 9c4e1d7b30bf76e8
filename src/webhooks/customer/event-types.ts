/** The events a customer endpoint can subscribe to (AutoDoc dialect). */
export const WEBHOOK_EVENT_TYPES = [
  "invitation.created",
  "invitation.sent",
  "invitation.delivered",
  "invitation.opened",
  "invitation.started",
  "invitation.completed",
  "invitation.rejected",
  "invitation.failed",
  "invitation.resent",
  "invitation.expired",
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/**
 * Delivery schedule after a failed attempt, in seconds: 5 s, 5 min, 30 min, 2 h, 5 h, 8 h, 8 h, about a day
 * in all (Standard Webhooks' example schedule, shortened). The queue's max_retries matches its length.
 */
export const WEBHOOK_RETRY_DELAYS = [5, 300, 1800, 7200, 18000, 28800, 28800] as const;

export function webhookRetryDelay(queueAttempt: number): number {
  const index = Math.min(Math.max(queueAttempt - 1, 0), WEBHOOK_RETRY_DELAYS.length - 1);
  return WEBHOOK_RETRY_DELAYS[index] ?? 28800;
}
