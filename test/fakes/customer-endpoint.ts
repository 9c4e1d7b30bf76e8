/**
 * A customer's webhook endpoint at the network boundary (`https://customer.example/…`). It records what it
 * receives; `/gone` answers 410, `/flaky` fails with 503 until `flakyFailures` runs out, anything else 200.
 */
export interface ReceivedWebhook {
  path: string;
  headers: Record<string, string>;
  body: string;
}

export const received: ReceivedWebhook[] = [];
export const customerState = { flakyFailures: 0 };

export async function customerEndpoint(request: Request): Promise<Response> {
  const path = new URL(request.url).pathname;
  received.push({ path, headers: Object.fromEntries(request.headers), body: await request.text() });
  if (path === "/gone") return new Response("gone", { status: 410 });
  if (path === "/flaky" && customerState.flakyFailures > 0) {
    customerState.flakyFailures -= 1;
    return new Response("unavailable", { status: 503 });
  }
  return new Response(null, { status: 204 });
}
