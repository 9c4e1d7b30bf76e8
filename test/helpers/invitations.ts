import { env } from "cloudflare:workers";
import { vi } from "vitest";
import { sendGate } from "../../src/durable-objects/send-gate";
import { call, createInvitation, type Invitation, type Tenant } from "./api";
import { waitForRow, waitForStatus } from "./queue";

let ipCounter = 0;

/** A distinct client address per caller, so per-IP limits of one test do not leak into another. */
export function clientIp(): string {
  ipCounter += 1;
  return `203.0.113.${(ipCounter % 250) + 1}`;
}

/** An invitation that the queue has delivered: `sent`, ready to be resent. */
export async function sentInvitation(key: string, tenant: Tenant, extra: Record<string, unknown> = {}) {
  const invitation = await createInvitation(key, {
    workflowToken: tenant.workflowToken,
    channel: "email",
    recipient: "resend-me@example.com",
    ...extra,
  });
  await waitForStatus(key, invitation.token, ["sent"]);
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
 * Runs `create` while the queue refuses its first message, so the invitation it creates is stored with no
 * message behind it: nothing but the test (or the sweeper) delivers it.
 */
export async function withoutItsMessage<T>(create: () => Promise<T>): Promise<T> {
  const send = vi.spyOn(env.DELIVERIES, "send").mockRejectedValueOnce(new Error("Queue send failed: 503"));
  try {
    return await create();
  } finally {
    send.mockRestore();
  }
}
