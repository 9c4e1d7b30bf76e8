import { env } from "cloudflare:workers";
import { describe, it } from "vitest";
import { call, createInvitation, createTenant } from "../helpers/api";
import { withoutItsMessage } from "../helpers/invitations";
import { runQueue, waitForStatus } from "../helpers/queue";

const outboxCount = async (token: string) =>
  (
    await env.DB.prepare("select count(*) as n from outbox_messages where invitation_token = ?")
      .bind(token)
      .first<{ n: number }>()
  )?.n;

const message = (invitationToken: string, attempt = 1) => ({ v: 1, invitationToken, attempt });

describe("deliveries consumer", () => {
  it("sends once when the queue delivers the same message again, even concurrently", async ({ expect }) => {
    const tenant = await createTenant();
    const invitation = await createInvitation(tenant.testKey, {
      workflowToken: tenant.workflowToken,
      channel: "email",
      recipient: "twice@example.com",
    });
    const body = message(invitation.token);
    // Three copies at once (the real queue delivers a fourth in the background): one holds the send, the
    // others are acked as already sent or told to come back once it has finished.
    const { result, retries } = await runQueue("deliveries", [{ body }, { body }, { body, attempts: 2 }]);
    expect(result.explicitAcks.length + result.retryMessages.length).toBe(3);
    for (const spy of retries) {
      for (const [options] of spy.mock.calls) expect(options).toEqual({ delaySeconds: 30 });
    }
    const comeBack = result.retryMessages.map(() => ({ body, attempts: 3 }));
    const second = await runQueue("deliveries", comeBack);
    expect(second.result.explicitAcks).toHaveLength(comeBack.length);
    const sent = await waitForStatus(tenant.testKey, invitation.token, ["sent"]);
    expect(sent.deliveryAttempts).toBe(1);
    expect(await outboxCount(invitation.token)).toBe(1);
  });

  it("retries a transient failure with a growing delay and keeps the reason visible", async ({ expect }) => {
    const tenant = await createTenant();
    // No message behind it: only this test hands it to the consumer.
    const invitation = await withoutItsMessage(() =>
      createInvitation(tenant.testKey, {
        workflowToken: tenant.workflowToken,
        channel: "email",
        recipient: "transient@simulator.auto-doc.ai",
      }),
    );
    const delays: number[] = [];
    for (const attempts of [1, 2, 3, 4]) {
      const { result, retries } = await runQueue("deliveries", [
        { body: message(invitation.token), attempts },
      ]);
      expect(result.retryMessages).toHaveLength(1);
      const options = retries[0]?.mock.calls[0]?.[0];
      delays.push(Number(options?.delaySeconds));
    }
    for (let i = 1; i < delays.length; i += 1) expect(delays[i]).toBeGreaterThan(Number(delays[i - 1]));
    expect(delays[0]).toBeGreaterThanOrEqual(24);
    const pending = await call("GET", `/v1/autodoc/invitations/${invitation.token}`, {
      token: tenant.testKey,
    });
    expect(pending.body).toMatchObject({ status: "pending", deliveryAttempts: 0 });
    expect(String(pending.body.errorMessage)).toContain("temporarily unavailable");
    expect(await outboxCount(invitation.token)).toBe(0);
  });

  it("sends after transient failures stop", async ({ expect }) => {
    const tenant = await createTenant();
    // No message behind it: only this test hands it to the consumer.
    const invitation = await withoutItsMessage(() =>
      createInvitation(tenant.testKey, {
        workflowToken: tenant.workflowToken,
        channel: "email",
        recipient: "transient-2@simulator.auto-doc.ai",
      }),
    );
    const first = await runQueue("deliveries", [{ body: message(invitation.token), attempts: 2 }]);
    expect(first.result.retryMessages).toHaveLength(1);
    const third = await runQueue("deliveries", [{ body: message(invitation.token), attempts: 3 }]);
    expect(third.result.explicitAcks).toHaveLength(1);
    const sent = await call("GET", `/v1/autodoc/invitations/${invitation.token}`, { token: tenant.testKey });
    expect(sent.body).toMatchObject({ status: "sent", deliveryAttempts: 1, errorMessage: null });
  });

  it("fails a permanent failure at once, without retrying", async ({ expect }) => {
    const tenant = await createTenant();
    // No message behind it: only this test hands it to the consumer.
    const invitation = await withoutItsMessage(() =>
      createInvitation(tenant.testKey, {
        workflowToken: tenant.workflowToken,
        channel: "email",
        recipient: "bounced@resend.dev",
      }),
    );
    const { result } = await runQueue("deliveries", [{ body: message(invitation.token) }]);
    expect(result.explicitAcks).toHaveLength(1);
    expect(result.retryMessages).toHaveLength(0);
    const failed = await call("GET", `/v1/autodoc/invitations/${invitation.token}`, {
      token: tenant.testKey,
    });
    expect(failed.body).toMatchObject({ status: "failed" });
    expect(String(failed.body.errorMessage)).toContain("bounce");
  });

  it("marks the invitation failed when its message reaches the dead-letter queue", async ({ expect }) => {
    const tenant = await createTenant();
    // No message behind it: only this test hands it to the consumer.
    const invitation = await withoutItsMessage(() =>
      createInvitation(tenant.testKey, {
        workflowToken: tenant.workflowToken,
        channel: "email",
        recipient: "transient@simulator.auto-doc.ai",
      }),
    );
    await runQueue("deliveries", [{ body: message(invitation.token), attempts: 9 }]);
    const { result } = await runQueue("deliveries-dlq", [{ body: message(invitation.token) }]);
    expect(result.explicitAcks).toHaveLength(1);
    const failed = await call("GET", `/v1/autodoc/invitations/${invitation.token}`, {
      token: tenant.testKey,
    });
    expect(failed.body).toMatchObject({ status: "failed", deliveryAttempts: 0 });
    expect(String(failed.body.errorMessage)).toMatch(/gave up.*temporarily unavailable/);
  });

  it("acks unreadable messages and unknown invitations instead of retrying them", async ({ expect }) => {
    const { result } = await runQueue("deliveries", [
      { body: { hello: "world" } },
      { body: message("adi_000000000000000000000000") },
    ]);
    expect(result.explicitAcks).toHaveLength(2);
    expect(result.retryMessages).toHaveLength(0);
  });
});
