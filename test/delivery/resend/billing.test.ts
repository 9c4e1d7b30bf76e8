import { env } from "cloudflare:workers";
import { afterEach, describe, it, vi } from "vitest";
import { call, createTenant } from "../../helpers/api";
import { gateState, resendAndHandOver, sentInvitation, travelTo } from "../../helpers/invitations";
import { runQueue } from "../../helpers/queue";

afterEach(() => {
  vi.useRealTimers();
});

const usageRows = (token: string) =>
  env.DB.prepare("select meter, attempt from usage_records where invitation_token = ? order by attempt")
    .bind(token)
    .all<{ meter: string; attempt: number }>();

describe("billing", () => {
  it("bills every accepted live send once, the first and each resend, even when the queue redelivers", async ({
    expect,
  }) => {
    const tenant = await createTenant();
    travelTo(Date.now());
    const email = await sentInvitation(tenant.liveKey, tenant);
    const sms = await sentInvitation(tenant.liveKey, tenant, { channel: "sms", recipient: "+15551234567" });
    travelTo(Number((await gateState(email)).lastSentAt) + 180_000);
    await resendAndHandOver(tenant.liveKey, email, 2);
    // The queue hands both sends over again: nothing more is sent or billed.
    await runQueue("deliveries", [
      { body: { v: 1, invitationToken: email.token, attempt: 1 }, attempts: 2 },
      { body: { v: 1, invitationToken: email.token, attempt: 2 }, attempts: 2 },
      { body: { v: 1, invitationToken: sms.token, attempt: 1 }, attempts: 2 },
    ]);
    expect((await usageRows(email.token)).results).toEqual([
      { meter: "send.email", attempt: 1 },
      { meter: "send.email", attempt: 2 },
    ]);
    expect((await usageRows(sms.token)).results).toEqual([{ meter: "send.sms", attempt: 1 }]);
    vi.useRealTimers();
    const usage = await call("GET", "/v1/autodoc/usage", { token: tenant.liveKey });
    expect(usage.status).toBe(200);
    expect(usage.body.totals).toEqual([
      { meter: "send.email", quantity: 2 },
      { meter: "send.sms", quantity: 1 },
    ]);
    const today = new Date().toISOString().slice(0, 10);
    expect(usage.body.days).toEqual(
      expect.arrayContaining([{ date: today, meter: "send.sms", quantity: 1 }]),
    );
  });

  it("never bills test mode, and refuses usage to test keys", async ({ expect }) => {
    const tenant = await createTenant();
    const invitation = await sentInvitation(tenant.testKey, tenant);
    expect((await usageRows(invitation.token)).results).toEqual([]);
    const usage = await call("GET", "/v1/autodoc/usage", { token: tenant.testKey });
    expect(usage.status).toBe(403);
    expect(usage.body).toMatchObject({ error: { code: "forbidden" } });
  });

  it("validates the usage range", async ({ expect }) => {
    const tenant = await createTenant();
    const backwards = await call(
      "GET",
      "/v1/autodoc/usage?from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z",
      {
        token: tenant.liveKey,
      },
    );
    expect(backwards.status).toBe(400);
    const garbage = await call("GET", "/v1/autodoc/usage?from=yesterday", { token: tenant.liveKey });
    expect(garbage.status).toBe(400);
    expect(garbage.body).toMatchObject({ error: { code: "validation_error" } });
  });
});
