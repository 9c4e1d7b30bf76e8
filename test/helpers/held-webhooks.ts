import { env } from "cloudflare:workers";
import { afterEach, beforeEach } from "vitest";
import { type HeldQueue, holdQueue } from "./held-queue";
import { runQueue } from "./queue";
import { waitFor } from "./wait-for";

/** A message the `webhooks` consumer asked the queue to retry, and the delay it asked for. */
export interface RetriedWebhook {
  body: unknown;
  delaySeconds: number;
}

/** The real queue's batch size (wrangler.toml): the consumer is handed at most this many at once. */
const BATCH_SIZE = 10;

/** The event a webhook message is about: a fan-out's, or a delivery's (a commit queues deliveries itself). */
const eventIdOf = (body: unknown): number | undefined => {
  const message = body as { kind?: unknown; eventId?: unknown };
  const known = message.kind === "fanout" || message.kind === "deliver";
  return known && typeof message.eventId === "number" ? message.eventId : undefined;
};

/**
 * Hands every held webhook message to the Worker's `webhooks` consumer, in batches as the queue would (one
 * after another: a thousand fan-outs at once cost more than in turn), then what that handed to the queue (a
 * fan-out's deliveries), until nothing is left. Each message is handed once, as its `attempts`-th attempt;
 * answers those the consumer asked to retry, with the delay it asked for.
 */
export async function deliverHeld(held: HeldQueue, attempts = 1): Promise<RetriedWebhook[]> {
  const retried: RetriedWebhook[] = [];
  for (let bodies = held.take(); bodies.length > 0; bodies = held.take()) {
    const batches = Array.from({ length: Math.ceil(bodies.length / BATCH_SIZE) }, (_, i) =>
      bodies.slice(i * BATCH_SIZE, (i + 1) * BATCH_SIZE),
    );
    const runs: Awaited<ReturnType<typeof runQueue>>[] = [];
    for (const batch of batches) {
      runs.push(
        await runQueue(
          "webhooks",
          batch.map((body) => ({ body, attempts })),
        ),
      );
    }
    runs.forEach(({ retries }, b) => {
      retries.forEach((spy, m) => {
        const [options] = spy.mock.calls[0] ?? [];
        if (spy.mock.calls.length > 0) {
          retried.push({ body: batches[b]?.[m], delaySeconds: Number(options?.delaySeconds) });
        }
      });
    });
  }
  return retried;
}

/** The organization's webhook events that no fan-out has dispatched yet, read in D1. */
async function undispatchedOf(organizationId: string): Promise<number[]> {
  const { results } = await env.DB.prepare(
    "SELECT id FROM invitation_events WHERE organization_id = ? AND webhook_type IS NOT NULL AND dispatched_at IS NULL",
  )
    .bind(organizationId)
    .all<{ id: number }>();
  return results.map((row) => row.id);
}

/** Whether a webhook message concerns the organization: a fan-out of one of its events, or a delivery of one. */
async function concerns(body: unknown, organizationId: string): Promise<boolean> {
  const message = body as { kind?: unknown; eventId?: unknown };
  const row = await env.DB.prepare("SELECT organization_id AS org FROM invitation_events WHERE id = ?")
    .bind(typeof message.eventId === "number" ? message.eventId : -1)
    .first<{ org: string }>();
  return row?.org === organizationId;
}

/**
 * Waits until every undispatched webhook event of the organization is in the held queue, as a fan-out or
 * as its deliveries (the API hands them over in `waitUntil`, after it has answered), then delivers everything held (`deliverHeld`), other work's messages
 * too (a background consumer of another file may hand some over meanwhile). When it returns, each of the
 * organization's webhooks has been posted, or answered with a retry: those retries are returned.
 */
export async function deliverWebhooksOf(
  held: HeldQueue,
  organizationId: string,
  attempts = 1,
): Promise<RetriedWebhook[]> {
  await waitFor(`the webhook events of ${organizationId} handed to the queue`, async () => {
    const handed = new Set(held.bodies().map(eventIdOf));
    return (await undispatchedOf(organizationId)).every((id) => handed.has(id));
  });
  const retried = await deliverHeld(held, attempts);
  const ours = await Promise.all(retried.map((retry) => concerns(retry.body, organizationId)));
  return retried.filter((_, i) => ours[i]);
}

/**
 * The `webhooks` queue held for every test of the calling file (`holdQueue`), so that its tests deliver
 * webhooks themselves, and no background delivery or 5-second retry outlives a test. Read `.queue` in a test.
 */
export function holdWebhooksInEachTest(): { readonly queue: HeldQueue } {
  let current: HeldQueue | undefined;
  beforeEach(() => {
    current = holdQueue(env.WEBHOOKS);
  });
  afterEach(() => {
    current?.restore();
    current = undefined;
  });
  return {
    get queue(): HeldQueue {
      if (!current) throw new Error("the webhooks queue is held only while a test runs");
      return current;
    },
  };
}
