import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { vi } from "vitest";
import worker from "../../src/index";
import { call } from "./api";

let sequence = 0;

/**
 * Hands messages to the Worker's own queue handler, as the queue would, and reports acks and retries.
 * `runEnv` replaces the bindings, e.g. with a D1 that fails once (failing-d1.ts) or without a secret.
 */
export async function runQueue(
  queue: string,
  items: { body: unknown; attempts?: number }[],
  runEnv: Env = env,
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

/** Waits until the invitation reaches one of the statuses (the real local queue delivers in the background). */
export async function waitForStatus(key: string, token: string, statuses: string[]) {
  let last: Record<string, unknown> = {};
  await vi.waitUntil(
    async () => {
      last = (await call("GET", `/v1/autodoc/invitations/${token}`, { token: key })).body;
      return statuses.includes(String(last.status));
    },
    { timeout: 5000, interval: 25 },
  );
  return last;
}
