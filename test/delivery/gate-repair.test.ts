import { env } from "cloudflare:workers";
import { describe, it } from "vitest";
import { resendRequests } from "../fakes/resend-api";
import { createInvitation, createTenant, type Tenant } from "../helpers/api";
import { deliveryRow, timelineOf, usageCount } from "../helpers/delivery-state";
import { updatesInvitation, withFailingD1 } from "../helpers/failing-d1";
import { gateState, sentInvitation, withoutItsMessage } from "../helpers/invitations";
import { openLink } from "../helpers/link-visits";
import { providerMessageId } from "../helpers/provider-callbacks";
import { runQueue } from "../helpers/queue";

const message = (invitationToken: string, attempt = 1) => ({ v: 1, invitationToken, attempt });
const CHROME =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";

/** A live e-mail invitation with no queue message behind it, and its recipient. */
async function liveInvitation(tenant: Tenant) {
  const recipient = `repair-${crypto.randomUUID()}@example.com`;
  const invitation = await withoutItsMessage(() =>
    createInvitation(tenant.liveKey, { workflowToken: tenant.workflowToken, channel: "email", recipient }),
  );
  return { invitation, sentTo: () => resendRequests.filter((r) => r.body.to.includes(recipient)).length };
}

/** Resend accepts the send and the gate records it, but the D1 mirror (status, sentAt, billing) fails once. */
async function sendWithFailingMirror(token: string, attempts: number) {
  const faulty = withFailingD1(env, updatesInvitation(token));
  const { result } = await runQueue("deliveries", [{ body: message(token), attempts }], faulty.env);
  if (faulty.failures() !== 1 || result.retryMessages.length !== 1) throw new Error("the fault did not fire");
  return result;
}

describe("D1 repaired from the SendGate", () => {
  it("mirrors a send the gate recorded when its message dead-letters, instead of failing it", async ({
    expect,
  }) => {
    const tenant = await createTenant();
    const { invitation, sentTo } = await liveInvitation(tenant);
    // The last try the queue allows: the mirror fails, and the message goes to the dead-letter queue.
    await sendWithFailingMirror(invitation.token, 9);
    expect(await gateState(invitation)).toMatchObject({ attempts: 1, inFlight: null });
    expect(await deliveryRow(invitation.token)).toMatchObject({ status: "pending", deliveryAttempts: 0 });
    const { result } = await runQueue("deliveries-dlq", [{ body: message(invitation.token) }]);
    expect(result.explicitAcks).toHaveLength(1);
    const row = await deliveryRow(invitation.token);
    expect(row).toMatchObject({ status: "sent", deliveryAttempts: 1, errorMessage: null });
    expect(row?.sentAt).toBe((await gateState(invitation)).lastSentAt);
    expect(await usageCount(invitation.token)).toBe(1);
    const timeline = await timelineOf(invitation.token);
    expect(timeline.filter((e) => e.webhookType === "invitation.sent")).toHaveLength(1);
    expect(timeline.map((e) => e.type)).not.toContain("send.failed");
    expect(sentTo()).toBe(1);
    // The gate kept Resend's answer, so the repaired mirror wrote the row that Resend's events are matched by.
    const answer = (await gateState(invitation)).lastAnswer;
    expect(answer).toMatchObject({ provider: "resend", attempt: 1 });
    expect(await providerMessageId(invitation.token)).toBe(answer?.providerMessageId);
  });

  it("mirrors the gate's send before skipping a redelivered copy whose link was opened meanwhile", async ({
    expect,
  }) => {
    const tenant = await createTenant();
    const { invitation, sentTo } = await liveInvitation(tenant);
    await sendWithFailingMirror(invitation.token, 1);
    // The recipient opens the link before the message comes back.
    const click = await openLink(invitation.url, { userAgent: CHROME });
    expect(click.status).toBe(302);
    expect(await deliveryRow(invitation.token)).toMatchObject({ status: "opened", deliveryAttempts: 0 });
    const { result } = await runQueue("deliveries", [{ body: message(invitation.token), attempts: 2 }]);
    expect(result.explicitAcks).toHaveLength(1);
    const row = await deliveryRow(invitation.token);
    // Forward only: opened stays opened, and the send it followed is now on record and billed.
    expect(row).toMatchObject({ status: "opened", deliveryAttempts: 1 });
    expect(row?.sentAt).toBe((await gateState(invitation)).lastSentAt);
    expect(await usageCount(invitation.token)).toBe(1);
    expect((await timelineOf(invitation.token)).map((e) => e.type)).toContain("send.accepted");
    expect(sentTo()).toBe(1);
  });

  it("stores the outbox's message under the gate's id when a test-mode send's mirror failed", async ({
    expect,
  }) => {
    const tenant = await createTenant();
    const invitation = await withoutItsMessage(() =>
      createInvitation(tenant.testKey, {
        workflowToken: tenant.workflowToken,
        channel: "email",
        recipient: "outbox-repair@example.com",
      }),
    );
    await sendWithFailingMirror(invitation.token, 1);
    const answer = (await gateState(invitation)).lastAnswer;
    expect(answer).toMatchObject({ provider: "outbox", attempt: 1 });
    // The outbox's message is stored in the mirror's batch: it failed with it.
    const outboxOf = async () =>
      (
        await env.DB.prepare(
          "SELECT id, subject, created_at AS createdAt FROM outbox_messages WHERE invitation_token = ?",
        )
          .bind(invitation.token)
          .all<{ id: string; subject: string; createdAt: number }>()
      ).results;
    expect(await outboxOf()).toEqual([]);
    const { result } = await runQueue("deliveries", [{ body: message(invitation.token), attempts: 2 }]);
    expect(result.explicitAcks).toHaveLength(1);
    expect(await deliveryRow(invitation.token)).toMatchObject({ status: "sent", deliveryAttempts: 1 });
    const [stored, ...more] = await outboxOf();
    expect(more).toEqual([]);
    expect(stored).toMatchObject({
      id: answer?.providerMessageId,
      createdAt: (await gateState(invitation)).lastSentAt,
    });
    expect(stored?.subject).toBeTruthy();
    expect(await providerMessageId(invitation.token)).toBe(answer?.providerMessageId);
  });

  it("retries a dead-lettered message whose failure cannot be written, then fails the invitation", async ({
    expect,
  }) => {
    const tenant = await createTenant();
    const invitation = await withoutItsMessage(() =>
      createInvitation(tenant.testKey, {
        workflowToken: tenant.workflowToken,
        channel: "email",
        recipient: "transient@simulator.auto-doc.ai",
      }),
    );
    await runQueue("deliveries", [{ body: message(invitation.token), attempts: 9 }]);
    const faulty = withFailingD1(env, updatesInvitation(invitation.token));
    const first = await runQueue("deliveries-dlq", [{ body: message(invitation.token) }], faulty.env);
    expect(faulty.failures()).toBe(1);
    expect(first.result.retryMessages).toHaveLength(1);
    expect(await deliveryRow(invitation.token)).toMatchObject({ status: "pending" });
    const second = await runQueue("deliveries-dlq", [{ body: message(invitation.token), attempts: 2 }]);
    expect(second.result.explicitAcks).toHaveLength(1);
    const row = await deliveryRow(invitation.token);
    expect(row).toMatchObject({ status: "failed", deliveryAttempts: 0 });
    expect(row?.errorMessage).toMatch(/^Delivery gave up after repeated transient failures: .*unavailable/);
  });

  it("leaves a sent invitation sent when a stale copy of its message dead-letters", async ({ expect }) => {
    const tenant = await createTenant();
    // Sent by the real queue; a copy that kept being told "in flight" ran out of retries meanwhile.
    const invitation = await sentInvitation(tenant.testKey, tenant);
    const { result } = await runQueue("deliveries-dlq", [{ body: message(invitation.token) }]);
    expect(result.explicitAcks).toHaveLength(1);
    expect(await deliveryRow(invitation.token)).toMatchObject({ status: "sent", deliveryAttempts: 1 });
    expect((await timelineOf(invitation.token)).map((e) => e.type)).not.toContain("send.failed");
  });
});
