import { afterEach, describe, it, vi } from "vitest";
import { call, createTenant } from "../../helpers/api";
import {
  gateState,
  resend,
  resendAndDeliver,
  resendAndHandOver,
  sentInvitation,
  travelTo,
} from "../../helpers/invitations";
import { REAL_QUEUE_TEST_TIMEOUT } from "../../helpers/queue";

afterEach(() => {
  vi.useRealTimers();
});

describe("resend: the 3-minute cooldown and the 10-send cap", () => {
  it("refuses at 179 s with the remaining seconds and accepts at 180 s", async ({ expect }) => {
    const tenant = await createTenant();
    travelTo(Date.now());
    const invitation = await sentInvitation(tenant.testKey, tenant);
    const start = Number((await gateState(invitation)).lastSentAt);
    const stored = await call("GET", `/v1/autodoc/invitations/${invitation.token}`, {
      token: tenant.testKey,
    });
    expect(Date.parse(String(stored.body.sentAt))).toBe(start);

    travelTo(start + 179_000);
    const early = await resend(tenant.testKey, invitation.token);
    expect(early.status).toBe(429);
    expect(early.body).toMatchObject({ error: { code: "cooldown_active", remaining_seconds: 1 } });
    expect(String((early.body.error as { message: string }).message)).toContain("1 seconds");
    expect(early.headers.get("Retry-After")).toBe("1");

    travelTo(start + 60_000);
    const earlier = await resend(tenant.testKey, invitation.token);
    expect(earlier.body).toMatchObject({ error: { code: "cooldown_active", remaining_seconds: 120 } });

    travelTo(start + 180_000);
    const accepted = await resend(tenant.testKey, invitation.token);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({
      token: invitation.token,
      status: "pending",
      sentAt: null,
      url: invitation.url,
    });
  });

  // Through the real local queue on purpose: the resend takes the same way as the first send.
  it("sends the resend through the same pipeline: sent again, attempts + 1", {
    timeout: REAL_QUEUE_TEST_TIMEOUT,
  }, async ({ expect }) => {
    const tenant = await createTenant();
    travelTo(Date.now());
    const invitation = await sentInvitation(tenant.testKey, tenant);
    const start = Number((await gateState(invitation)).lastSentAt);
    travelTo(start + 180_000);
    await resendAndDeliver(tenant.testKey, invitation, 2);
    const got = await call("GET", `/v1/autodoc/invitations/${invitation.token}`, { token: tenant.testKey });
    expect(got.body).toMatchObject({ status: "sent", deliveryAttempts: 2, url: invitation.url });
    expect(Date.parse(String(got.body.sentAt))).toBe((await gateState(invitation)).lastSentAt);
    expect(Date.parse(String(got.body.sentAt))).toBeGreaterThanOrEqual(start + 180_000);
    const outbox = await call("GET", `/v1/autodoc/outbox?invitation=${invitation.token}`, {
      token: tenant.testKey,
    });
    const attempts = (outbox.body.data as { attempt: number }[]).map((m) => m.attempt).sort();
    expect(attempts).toEqual([1, 2]);
  });

  it("accepts the tenth send and refuses the eleventh with max_attempts_reached", async ({ expect }) => {
    const tenant = await createTenant();
    travelTo(Date.now());
    const invitation = await sentInvitation(tenant.testKey, tenant);
    for (let attempt = 2; attempt <= 10; attempt += 1) {
      travelTo(Number((await gateState(invitation)).lastSentAt) + 180_000);
      await resendAndHandOver(tenant.testKey, invitation, attempt);
      expect((await gateState(invitation)).attempts).toBe(attempt);
    }
    const gate = await gateState(invitation);
    expect(gate.attempts).toBe(10);
    travelTo(Number(gate.lastSentAt) + 180_000);
    const eleventh = await resend(tenant.testKey, invitation.token);
    expect(eleventh.status).toBe(422);
    expect(eleventh.body).toMatchObject({ error: { code: "max_attempts_reached" } });
    const after = await call("GET", `/v1/autodoc/invitations/${invitation.token}`, { token: tenant.testKey });
    expect(after.body).toMatchObject({ status: "sent", deliveryAttempts: 10 });
  });
});
