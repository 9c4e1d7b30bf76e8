import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env as workerEnv } from "cloudflare:workers";
import { vi } from "vitest";
import { createDb } from "../../src/db/client";
import { findInvitationByToken, type InvitationRow } from "../../src/db/invitations-repo";
import { autodocStatus } from "../../src/dialects/autodoc/invitation-view";
import worker from "../../src/index";
import { call } from "./api";
import { holdQueue } from "./held-queue";
import { waitFor } from "./wait-for";

let sequence = 0;

/**
 * Hands messages to the Worker's own queue handler, as the queue would, and reports acks and retries.
 * `runEnv` replaces the bindings, e.g. with a D1 that fails once (failing-d1.ts) or without a secret.
 */
export async function runQueue(
  queue: string,
  items: { body: unknown; attempts?: number }[],
  runEnv: Env = workerEnv,
) {
  const batch = createMessageBatch<unknown>(
    queue,
    items.map((item) => {
      sequence += 1;
      return { id: `msg-${sequence}`, timestamp: new Date(), attempts: item.attempts ?? 1, body: item.body };
    }),
  );
  const retries = batch.messages.map((message) => vi.spyOn(message, "retry"));
  const ctx = createExecutionContext();
  await worker.queue(batch, runEnv);
  const result = await getQueueResult(batch, ctx);
  return { result, retries };
}

/**
 * Runs `create` with the deliveries queue held, then hands every message it queued to the consumer, as the
 * queue would, once: when this returns the invitation is sent (or failed, or waiting for a retry), with no
 * background queue involved. Throws if `create` queued nothing.
 */
export async function withDeliveryHandedOver<T>(create: () => Promise<T>): Promise<T> {
  const deliveries = holdQueue(workerEnv.DELIVERIES);
  let created: T;
  try {
    created = await create();
  } finally {
    deliveries.restore();
  }
  const messages = deliveries.take();
  if (messages.length === 0) throw new Error("withDeliveryHandedOver: nothing was queued");
  await runQueue(
    "deliveries",
    messages.map((body) => ({ body })),
  );
  return created;
}

/**
 * The real local queue may sit behind other files' messages in a shared runtime: a test that waits on it
 * allows this much, and sets its own test timeout above it (REAL_QUEUE_TEST_TIMEOUT).
 */
const REAL_QUEUE_WAIT_MS = 20_000;
export const REAL_QUEUE_TEST_TIMEOUT = 30_000;

/** Waits until the stored invitation satisfies `ready` (read straight from D1), and answers the row. */
export function waitForRow(
  token: string,
  what: string,
  ready: (row: InvitationRow) => boolean,
): Promise<InvitationRow> {
  const db = createDb(workerEnv.DB);
  return waitFor(
    what,
    async () => {
      const row = await findInvitationByToken(db, token);
      return row && ready(row) ? row : null;
    },
    REAL_QUEUE_WAIT_MS,
  );
}

/**
 * Waits until the invitation reaches one of the AutoDoc statuses (the real local queue delivers in the
 * background), then answers it as the API shows it.
 */
export async function waitForStatus(key: string, token: string, statuses: string[]) {
  await waitForRow(token, `${token} to be ${statuses.join(" or ")}`, (row) =>
    statuses.includes(autodocStatus(row.status)),
  );
  return (await call("GET", `/v1/autodoc/invitations/${token}`, { token: key })).body;
}
