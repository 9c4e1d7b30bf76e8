import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env as workerEnv } from "cloudflare:workers";
import { vi } from "vitest";
import { createDb } from "../../src/db/client";
import { findInvitationByToken, type InvitationRow } from "../../src/db/invitations-repo";
import { autodocStatus } from "../../src/dialects/autodoc/invitation-view";
import worker from "../../src/index";
import { call } from "./api";
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

/** Waits until the stored invitation satisfies `ready` (read straight from D1), and answers the row. */
export function waitForRow(
  token: string,
  what: string,
  ready: (row: InvitationRow) => boolean,
): Promise<InvitationRow> {
  const db = createDb(workerEnv.DB);
  return waitFor(what, async () => {
    const row = await findInvitationByToken(db, token);
    return row && ready(row) ? row : null;
  });
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
