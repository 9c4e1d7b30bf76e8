/**
 * A customer's webhook endpoint at the network boundary (`https://customer.example/…`). It records what it
 * receives and answers 204, except on a path that starts with `/gone` (410) and on a path told to fail
 * (`failNextPosts`: 503 that many times). The state is per path, and every test uses paths of its own
 * (`uniquePath`): the runtime, and so this module, is shared by every file a worker runs.
 */
export interface ReceivedWebhook {
  path: string;
  headers: Record<string, string>;
  body: string;
}

export const received: ReceivedWebhook[] = [];
const failuresLeft = new Map<string, number>();

/** A path of its own for one test: `/<name>-<uuid>` (`/gone-…` answers 410). */
export const uniquePath = (name: string) => `/${name}-${crypto.randomUUID()}`;

/** The endpoint at `path` answers its next `times` requests with 503 Service Unavailable. */
export function failNextPosts(path: string, times = 1): void {
  failuresLeft.set(path, times);
}

/** What the endpoint received at `path`, oldest first. */
export function receivedAt(path: string): ReceivedWebhook[] {
  return received.filter((r) => r.path === path);
}

export async function customerEndpoint(request: Request): Promise<Response> {
  const path = new URL(request.url).pathname;
  received.push({ path, headers: Object.fromEntries(request.headers), body: await request.text() });
  if (path.startsWith("/gone")) return new Response("gone", { status: 410 });
  const left = failuresLeft.get(path) ?? 0;
  if (left > 0) {
    failuresLeft.set(path, left - 1);
    return new Response("unavailable", { status: 503 });
  }
  return new Response(null, { status: 204 });
}
