import { env } from "cloudflare:workers";
import { afterEach, describe, it, vi } from "vitest";
import { LEASE_TIMEOUT_MS } from "../../src/core/send-policy";
import { sendGate } from "../../src/durable-objects/send-gate";
import { resendRequests } from "../fakes/resend-api";
import { twilioRequests } from "../fakes/twilio-api";
import { createInvitation, createTenant } from "../helpers/api";
import { deliveryRow, timelineOf } from "../helpers/delivery-state";
import { withFailingGate } from "../helpers/failing-gate";
import { gateState, travelTo, withoutItsMessage } from "../helpers/invitations";
import { runQueue } from "../helpers/queue";
import { sweepFor } from "../helpers/sweeps";

const message = (invitationToken: string, attempt = 1) => ({ v: 1, invitationToken, attempt });

/** The provider message id of the invitation's accepted first send, as the `sends` table has it. */
async function acceptedCallOf(token: string): Promise<string | null> {
  const row = await env.DB.prepare(
    "SELECT provider_message_id AS id FROM sends WHERE invitation_token = ? AND attempt = 1 AND state = 'accepted'",
  )
    .bind(token)
    .first<{ id: string }>();
  return row?.id ?? null;
}

afterEach(() => {
  vi.useRealTimers();
});

describe("the send lease", () => {
  it("cannot be cleared by a dead-lettered copy while another copy holds it", async ({ expect }) => {
    const tenant = await createTenant();
    const invitation = await withoutItsMessage(() =>
      createInvitation(tenant.testKey, {
        workflowToken: tenant.workflowToken,
        channel: "email",
        recipient: "held@example.com",
      }),
    );
    // Another copy of the message is calling the provider right now.
    const gate = sendGate(env, invitation.token);
    expect((await gate.beginSend(1, "other-copy", Date.now())).ok).toBe(true);
    const dead = await runQueue("deliveries-dlq", [{ body: message(invitation.token) }]);
    expect(dead.result.explicitAcks).toHaveLength(1);
    expect((await gateState(invitation)).inFlight).toMatchObject({ attempt: 1, lease: "other-copy" });
    expect(await deliveryRow(invitation.token)).toMatchObject({ status: "pending" });
    // So a third copy still waits for the holder instead of sending a second time.
    const third = await runQueue("deliveries", [{ body: message(invitation.token), attempts: 2 }]);
    expect(third.result.retryMessages).toHaveLength(1);
    expect(third.retries[0]?.mock.calls[0]?.[0]).toEqual({ delaySeconds: 30 });
    // The holder's send goes through, and nothing else said `failed` meanwhile.
    await gate.recordSent(1, Date.now());
    await runQueue("deliveries", [{ body: message(invitation.token), attempts: 3 }]);
    expect(await deliveryRow(invitation.token)).toMatchObject({ status: "sent", deliveryAttempts: 1 });
    expect((await timelineOf(invitation.token)).map((e) => e.type)).not.toContain("send.failed");
  });

  it("is released when the send crashes after the gate said yes (a missing provider secret)", async ({
    expect,
  }) => {
    const tenant = await createTenant();
    const recipient = `no-secret-${crypto.randomUUID()}@example.com`;
    const invitation = await withoutItsMessage(() =>
      createInvitation(tenant.liveKey, { workflowToken: tenant.workflowToken, channel: "email", recipient }),
    );
    const withoutSecret: Env = { ...env, RESEND_API_KEY: "" };
    const crashedAt = Date.now();
    const first = await runQueue(
      "deliveries",
      [{ body: message(invitation.token), attempts: 4 }],
      withoutSecret,
    );
    expect(first.result.retryMessages).toHaveLength(1);
    const delaySeconds = Number(first.retries[0]?.mock.calls[0]?.[0]?.delaySeconds);
    expect(delaySeconds).toBeGreaterThanOrEqual(192);
    expect((await gateState(invitation)).inFlight).toMatchObject({ attempt: 1, lease: null });
    const waiting = await deliveryRow(invitation.token);
    expect(waiting).toMatchObject({
      status: "pending",
      errorMessage: "The send was interrupted by an internal error.",
    });
    expect(waiting?.deliveryDueAt).toBeGreaterThanOrEqual(crashedAt + delaySeconds * 1000);
    const failure = (await timelineOf(invitation.token)).find((e) => e.type === "send.failed");
    expect(JSON.parse(failure?.data ?? "{}")).toMatchObject({ attempt: 1, permanent: false });
    // While the retry is scheduled, the sweeper adds no copy of its own.
    // (sweepFor runs the sweeper until every overdue invitation has been dealt with, this one included.)
    expect(await sweepFor(invitation.token, new Date(crashedAt + 6 * 60_000))).toEqual([]);
    // Once the secret is back, the next copy sends at once instead of waiting out a lease.
    const second = await runQueue("deliveries", [{ body: message(invitation.token), attempts: 5 }]);
    expect(second.result.explicitAcks).toHaveLength(1);
    expect(await deliveryRow(invitation.token)).toMatchObject({
      status: "sent",
      deliveryAttempts: 1,
      errorMessage: null,
    });
    expect(resendRequests.filter((r) => r.body.to.includes(recipient))).toHaveLength(1);
  });

  it("records a send Twilio accepted even when the gate cannot take the answer once, so it is not sent twice", async ({
    expect,
  }) => {
    const tenant = await createTenant();
    const to = `+1555${String(3000000 + Math.floor(Math.random() * 999999))}`;
    const invitation = await withoutItsMessage(() =>
      createInvitation(tenant.liveKey, {
        workflowToken: tenant.workflowToken,
        channel: "sms",
        recipient: to,
      }),
    );
    // The write after the call is the gate's record of Twilio's answer: it fails once.
    const faulty = withFailingGate(env, "recordSent");
    const first = await runQueue("deliveries", [{ body: message(invitation.token) }], faulty.env);
    expect(faulty.failures()).toBe(1);
    expect(first.result.retryMessages).toHaveLength(1);
    expect(twilioRequests.filter((r) => r.form.To === to)).toHaveLength(1);
    // The answer went to D1 instead, and the gate holds the attempt as begun.
    expect(await acceptedCallOf(invitation.token)).toMatch(/^SM/);
    expect((await gateState(invitation)).inFlight).toMatchObject({ attempt: 1, lease: null, calls: 1 });
    // The retry is told the attempt was begun before, finds the answer, and does not call Twilio again.
    const retry = await runQueue("deliveries", [{ body: message(invitation.token), attempts: 2 }]);
    expect(retry.result.explicitAcks).toHaveLength(1);
    expect(await deliveryRow(invitation.token)).toMatchObject({ status: "sent", deliveryAttempts: 1 });
    // A copy that comes back after any lease would have lapsed is refused by the gate, not sent again.
    travelTo(Date.now() + LEASE_TIMEOUT_MS + 1000);
    const later = await runQueue("deliveries", [{ body: message(invitation.token), attempts: 3 }]);
    expect(later.result.explicitAcks).toHaveLength(1);
    expect(twilioRequests.filter((r) => r.form.To === to)).toHaveLength(1);
    expect(await acceptedCallOf(invitation.token)).toBe(
      (await gateState(invitation)).lastAnswer?.providerMessageId,
    );
  });
});
