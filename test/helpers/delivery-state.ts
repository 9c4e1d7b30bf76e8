import { env } from "cloudflare:workers";

/** What D1 stores about one invitation's delivery, read straight from the table. */
export async function deliveryRow(token: string) {
  return env.DB.prepare(
    "SELECT status, error_message AS errorMessage, delivery_attempts AS deliveryAttempts, sent_at AS sentAt, delivery_due_at AS deliveryDueAt, deactivated FROM invitations WHERE token = ?",
  )
    .bind(token)
    .first<{
      status: string;
      errorMessage: string | null;
      deliveryAttempts: number;
      sentAt: number | null;
      deliveryDueAt: number;
      deactivated: number;
    }>();
}

/** The invitation's timeline, oldest first: each event's type and the webhook it fired, if any. */
export async function timelineOf(token: string) {
  const { results } = await env.DB.prepare(
    "SELECT type, webhook_type AS webhookType, data FROM invitation_events WHERE invitation_token = ? ORDER BY id",
  )
    .bind(token)
    .all<{ type: string; webhookType: string | null; data: string }>();
  return results;
}

/** How many billing rows the invitation has. */
export async function usageCount(token: string): Promise<number> {
  const row = await env.DB.prepare("SELECT count(*) AS n FROM usage_records WHERE invitation_token = ?")
    .bind(token)
    .first<{ n: number }>();
  return row?.n ?? -1;
}
