import { env } from "cloudflare:workers";
import { afterEach, describe, it, vi } from "vitest";
import { call, createInvitation, createTenant } from "../../helpers/api";
import { holdQueue } from "../../helpers/held-queue";
import {
  clientIp,
  gateState,
  resend,
  sentInvitation,
  travelTo,
  withoutItsMessage,
} from "../../helpers/invitations";
import { runQueue, waitForStatus, withDeliveryHandedOver } from "../../helpers/queue";

afterEach(() => {
  vi.useRealTimers();
});

const setStatus = (token: string, status: string) =>
  env.DB.prepare("update invitations set status = ? where token = ?").bind(status, token).run();

describe("resend eligibility (AutoDoc's resend reference)", () => {
  it("answers delivery_in_flight while the first delivery has not settled", async ({ expect }) => {
    const tenant = await createTenant();
    // Its message lost: the first delivery stays unsettled for as long as the test needs.
    const invitation = await withoutItsMessage(() =>
      createInvitation(tenant.testKey, {
        workflowToken: tenant.workflowToken,
        channel: "email",
        recipient: "transient@simulator.auto-doc.ai",
      }),
    );
    const res = await resend(tenant.testKey, invitation.token);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ error: { code: "delivery_in_flight" } });
  });

  it.for(["delivered", "opened", "started", "completed", "rejected"])(
    "answers recipient_engaged for %s",
    async (status, { expect }) => {
      const tenant = await createTenant();
      const invitation = await sentInvitation(tenant.testKey, tenant);
      await setStatus(invitation.token, status);
      const res = await resend(tenant.testKey, invitation.token);
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ error: { code: "recipient_engaged" } });
    },
  );

  it("answers delivery_failed for a failed invitation", async ({ expect }) => {
    const tenant = await createTenant();
    const invitation = await withDeliveryHandedOver(() =>
      createInvitation(tenant.testKey, {
        workflowToken: tenant.workflowToken,
        channel: "email",
        recipient: "bounced@resend.dev",
      }),
    );
    await waitForStatus(tenant.testKey, invitation.token, ["failed"]);
    const res = await resend(tenant.testKey, invitation.token);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ error: { code: "delivery_failed" } });
  });

  it("answers invitation_expired (410) for an expired invitation, and changes nothing", async ({
    expect,
  }) => {
    const tenant = await createTenant();
    const invitation = await sentInvitation(tenant.testKey, tenant);
    travelTo(Date.parse(String(invitation.expiresAt)) + 1000);
    const res = await resend(tenant.testKey, invitation.token);
    expect(res.status).toBe(410);
    expect(res.body).toMatchObject({ error: { code: "invitation_expired" } });
    vi.useRealTimers();
    const after = await call("GET", `/v1/autodoc/invitations/${invitation.token}`, { token: tenant.testKey });
    expect(after.body).toMatchObject({ status: "sent", deliveryAttempts: 1 });
    expect((await gateState(invitation)).inFlight).toBeNull();
  });

  it("answers not_found for unknown, other-organization and other-mode invitations", async ({ expect }) => {
    const tenant = await createTenant();
    const other = await createTenant();
    const invitation = await sentInvitation(tenant.testKey, tenant);
    for (const [key, token] of [
      [tenant.testKey, "adi_000000000000000000000000"],
      [tenant.liveKey, invitation.token],
      [other.testKey, invitation.token],
    ] as const) {
      const res = await resend(key, token);
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ error: { code: "not_found" } });
    }
  });
});

describe("resend under concurrency", () => {
  it("lets exactly one of 100 concurrent resends through; gate and D1 agree after the send", async ({
    expect,
  }) => {
    const tenant = await createTenant();
    travelTo(Date.now());
    const invitation = await sentInvitation(tenant.testKey, tenant);
    travelTo(Number((await gateState(invitation)).lastSentAt) + 181_000);
    // The deliveries queue held: the test sees every message the hundred requests queued.
    const deliveries = holdQueue(env.DELIVERIES);
    const answers = await Promise.all(
      Array.from({ length: 100 }, () => resend(tenant.testKey, invitation.token, clientIp())),
    ).finally(() => deliveries.restore());
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.every((s) => s === 200 || s === 409 || s === 429)).toBe(true);
    const codes = new Set(
      answers.filter((a) => a.status !== 200).map((a) => (a.body.error as { code: string }).code),
    );
    for (const code of codes)
      expect(["delivery_in_flight", "rate_limited", "cooldown_active"]).toContain(code);
    const queued = deliveries.take();
    expect(queued).toEqual([{ v: 1, invitationToken: invitation.token, attempt: 2 }]);
    const { result } = await runQueue("deliveries", [{ body: queued[0] }]);
    expect(result.explicitAcks).toHaveLength(1);
    const sent = await call("GET", `/v1/autodoc/invitations/${invitation.token}`, { token: tenant.testKey });
    expect(sent.body).toMatchObject({ status: "sent", deliveryAttempts: 2 });
    const gate = await gateState(invitation);
    expect(gate).toMatchObject({ attempts: 2, inFlight: null });
    expect(Date.parse(String(sent.body.sentAt))).toBe(gate.lastSentAt);
  });
});
