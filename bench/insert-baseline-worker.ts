// The bench's insert baseline: the least a Worker can do to create an invitation on the same runtime, one D1
// INSERT and one queue send, then 201. `GET /healthz` answers without touching D1 (for startup). The response
// reports its D1 work in Server-Timing, as the metered service does, from D1's own meta.
import { formatD1ServerTiming } from "../src/db/d1-server-timing.ts";

// The bindings as far as used, typed here: the bench's tsconfig sees Node's types, not the Workers runtime's.
interface Statement {
  bind(...values: unknown[]): Statement;
  run(): Promise<{ meta: { rows_read: number; rows_written: number } }>;
}
interface InsertBaselineEnv {
  DB: { prepare(sql: string): Statement };
  QUEUE: { send(body: unknown): Promise<unknown> };
}

export default {
  async fetch(request: Request, env: InsertBaselineEnv): Promise<Response> {
    if (request.method !== "POST") return new Response("ok");
    const { recipient } = (await request.json()) as { recipient?: string };
    const token = crypto.randomUUID();
    const { meta } = await env.DB.prepare(
      "INSERT INTO invitations (token, recipient, created_at) VALUES (?, ?, ?)",
    )
      .bind(token, recipient ?? "", Date.now())
      .run();
    await env.QUEUE.send({ token });
    const counts = { roundTrips: 1, rowsRead: meta.rows_read, rowsWritten: meta.rows_written };
    return Response.json(
      { token },
      {
        status: 201,
        headers: {
          "Server-Timing": formatD1ServerTiming({ ...counts, primaryRoundTrips: 1, sessionRoundTrips: 0 }),
        },
      },
    );
  },
};
