import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env as workerEnv } from "cloudflare:workers";
import worker from "../../src/index";
import { runQueue } from "./queue";

export const CHROME =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";

export interface ClickInit {
  method?: string;
  /** The User-Agent header: a browser's by default; `null` sends none. */
  userAgent?: string | null;
  language?: string;
  /** Cloudflare's facts about the client's network, as `request.cf` carries them. */
  cf?: { asn?: number; asOrganization?: string };
  /** Other bindings for the request (e.g. a D1 that counts its calls); the link-visits queue is always held. */
  env?: Env;
  /** The held queue refuses the visit, as a queue that is unavailable would. */
  refuseVisits?: boolean;
  /** More request headers (e.g. the caller's own X-Request-Id). */
  headers?: Record<string, string>;
}

/** A request to a link as a browser (or, with `init`, a bot, a HEAD, a network) makes it. */
export function linkRequest(url: string, init: ClickInit = {}): Request {
  const headers: Record<string, string> = { ...init.headers };
  if (init.userAgent !== null) headers["User-Agent"] = init.userAgent ?? CHROME;
  if (init.language) headers["Accept-Language"] = init.language;
  return new Request(url, {
    method: init.method ?? "GET",
    headers,
    redirect: "manual",
    ...(init.cf ? { cf: init.cf } : {}),
  });
}

/** A queue binding that keeps what the request hands it: the test decides when the consumer sees it. */
function heldVisits(refuse: boolean): { queue: Queue; bodies: unknown[] } {
  const bodies: unknown[] = [];
  const refused = () => new Error("Queue send failed: 503 (link-visits held by the test, refused)");
  const queue: Queue = {
    async send(body) {
      if (refuse) throw refused();
      bodies.push(body);
      return { metadata: { metrics: { backlogCount: bodies.length, backlogBytes: 0 } } };
    },
    async sendBatch(messages) {
      if (refuse) throw refused();
      for (const message of messages) bodies.push(message.body);
      return { metadata: { metrics: { backlogCount: bodies.length, backlogBytes: 0 } } };
    },
    metrics: async () => ({ backlogCount: bodies.length, backlogBytes: 0 }),
  };
  return { queue, bodies };
}

/**
 * Clicks a link through the Worker's fetch handler and waits for its work after the response, with the
 * `link-visits` queue held: answers the response and the visits the click queued, which nothing has
 * recorded yet (hand them to the consumer with `recordVisits`).
 */
export async function clickLink(url: string, init: ClickInit = {}) {
  const held = heldVisits(init.refuseVisits === true);
  const ctx = createExecutionContext();
  const runEnv: Env = { ...(init.env ?? workerEnv), LINK_VISITS: held.queue };
  const res = await worker.fetch(linkRequest(url, init), runEnv, ctx);
  const body = await res.text();
  await waitOnExecutionContext(ctx);
  return { res: new Response(init.method === "HEAD" ? null : body, res), visits: held.bodies };
}

/** Hands visits to the Worker's `link-visits` consumer, as the queue would (`attempts` 1 unless said). */
export function recordVisits(visits: unknown[], options: { attempts?: number; env?: Env } = {}) {
  return runQueue(
    "link-visits",
    visits.map((body) => ({ body, attempts: options.attempts ?? 1 })),
    options.env,
  );
}

/** A click whose visits the consumer has recorded when this returns: the link as a person sees it, and its effect. */
export async function openLink(url: string, init: ClickInit = {}): Promise<Response> {
  const { res, visits } = await clickLink(url, init);
  if (visits.length > 0) await recordVisits(visits);
  return res;
}
