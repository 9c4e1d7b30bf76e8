import { env } from "cloudflare:workers";
import { vi } from "vitest";

/** Every message the app hands a queue, observed: the spies call through, so the real queue delivers it too. */
export function captureMessages(queue: Queue) {
  const send = vi.spyOn(queue, "send");
  const sendBatch = vi.spyOn(queue, "sendBatch");
  return {
    bodies: (): unknown[] => [
      ...send.mock.calls.map(([body]) => body),
      ...sendBatch.mock.calls.flatMap(([messages]) => [...messages].map((m) => m.body)),
    ],
    restore: () => {
      send.mockRestore();
      sendBatch.mockRestore();
    },
  };
}

export async function undispatchedEvents(tokens: string[]): Promise<number> {
  const row = await env.DB.prepare(
    `SELECT count(*) AS n FROM invitation_events WHERE webhook_type IS NOT NULL AND dispatched_at IS NULL AND invitation_token IN (${tokens.map(() => "?").join(",")})`,
  )
    .bind(...tokens)
    .first<{ n: number }>();
  return row?.n ?? -1;
}

export async function countWhere(sql: string, token: string): Promise<number> {
  return (await env.DB.prepare(sql).bind(token).first<{ n: number }>())?.n ?? -1;
}
