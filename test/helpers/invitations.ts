import { env } from "cloudflare:workers";
import { vi } from "vitest";
import { sendGate } from "../../src/durable-objects/send-gate";
import { call, createInvitation, type Invitation, type Tenant } from "./api";
import { deliveryRow } from "./delivery-state";
import { holdQueue } from "./held-queue";
import { runQueue, waitForRow, withDeliveryHandedOver } from "./queue";

let ipCounter = 0;
/** Per module instance: every file of a worker shares it, and a run never repeats an address. */
const ipPrefix = crypto.randomUUID().slice(0, 4);

/**
 * A distinct client address per call (IPv6 documentation range), so that per-IP limits of one test never
 * reach another, in this file or in a later one the same runtime runs.
 */
export function clientIp(): string {
  ipCounter += 1;
  return `2001:db8:${ipPrefix}::${ipCounter.toString(16)}`;
}

/** An invitation that the consumer has delivered (its message handed over): `sent`, ready to be resent. */
export async function sentInvitation(key: string, tenant: Tenant, extra: Record<string, unknown> = {}) {
  const invitation = await withDeliveryHandedOver(() =>
    createInvitation(key, {
      workflowToken: tenant.workflowToken,
      channel: "email",
      recipient: "resend-me@example.com",
      ...extra,
    }),
  );
  const status = (await deliveryRow(invitation.token))?.status;
  if (status !== "sent") throw new Error(`sentInvitation: ${invitation.token} is ${status}, not sent`);
  return invitation;
}

export function resend(key: string, token: string, ip = clientIp()) {
  return call("POST", `/v1/autodoc/invitations/${token}/resend`, {
    token: key,
    headers: { "CF-Connecting-IP": ip },
  });
}

/** Moves the Worker's clock (Date only; timers stay real so queues and waits keep working). */
export function travelTo(ms: number): void {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(ms);
}

export async function gateState(invitation: Invitation) {
  return sendGate(env, invitation.token).state();
}

/** Resends and waits until the queue has delivered that resend. */
export async function resendAndDeliver(key: string, invitation: Invitation, attempts: number) {
  const res = await resend(key, invitation.token);
  if (res.status !== 200) throw new Error(`resend: ${res.status} ${JSON.stringify(res.body)}`);
  await waitForRow(
    invitation.token,
    `${invitation.token} sent ${attempts} times`,
    (row) => row.status === "sent" && row.deliveryAttempts === attempts,
  );
}

/**
 * Resends with the deliveries queue held, then hands the resend's one message to the consumer, as the
 * queue would: the same send as `resendAndDeliver`, without waiting on the background queue.
 */
export async function resendAndHandOver(key: string, invitation: Invitation, attempts: number) {
  const deliveries = holdQueue(env.DELIVERIES);
  let messages: unknown[];
  try {
    const res = await resend(key, invitation.token);
    if (res.status !== 200) throw new Error(`resend: ${res.status} ${JSON.stringify(res.body)}`);
    messages = deliveries.bodies();
  } finally {
    deliveries.restore();
  }
  const expected = { v: 1, invitationToken: invitation.token, attempt: attempts };
  if (JSON.stringify(messages) !== JSON.stringify([expected])) {
    throw new Error(`resend queued ${JSON.stringify(messages)}, not ${JSON.stringify([expected])}`);
  }
  const { result } = await runQueue("deliveries", [{ body: expected }]);
  if (result.explicitAcks.length !== 1)
    throw new Error(`the resend was not acked: ${JSON.stringify(result)}`);
}

/**
 * Runs `create` while the deliveries queue refuses every send, so the invitation it creates is stored with
 * no message behind it: nothing but the test (or the sweeper) delivers it. Throws when `create` sent
 * nothing, so that this cannot silently stop refusing (the producer sends with `sendBatch`, not `send`).
 */
export async function withoutItsMessage<T>(create: () => Promise<T>): Promise<T> {
  const refused = () => Promise.reject(new Error("Queue send failed: 503"));
  const send = vi.spyOn(env.DELIVERIES, "send").mockImplementation(refused);
  const sendBatch = vi.spyOn(env.DELIVERIES, "sendBatch").mockImplementation(refused);
  try {
    const created = await create();
    if (send.mock.calls.length + sendBatch.mock.calls.length === 0) {
      throw new Error("withoutItsMessage: nothing was sent to the deliveries queue, so nothing was refused");
    }
    return created;
  } finally {
    send.mockRestore();
    sendBatch.mockRestore();
  }
}
