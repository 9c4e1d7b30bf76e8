import { env, exports } from "cloudflare:workers";
import { describe, it } from "vitest";
import { sendGate } from "../../src/durable-objects/send-gate";
import { call, createTenant } from "../helpers/api";
import { resend, sentInvitation } from "../helpers/invitations";

function rewind(token: string, body: unknown, auth: string | null = "test-admin-token") {
  return call("POST", `/dev/invitations/${token}/rewind`, { ...(auth ? { token: auth } : {}), body });
}

describe("the test clock (POST /dev/invitations/:token/rewind)", () => {
  it("moves a sent test-mode invitation's last send back in the gate and in D1, so a resend is accepted", async ({
    expect,
  }) => {
    const tenant = await createTenant();
    const invitation = await sentInvitation(tenant.testKey, tenant);
    const before = Number((await sendGate(env, invitation.token).state()).lastSentAt);
    const res = await rewind(invitation.token, { seconds: 181 });
    expect(res.status).toBe(200);
    const after = Number((await sendGate(env, invitation.token).state()).lastSentAt);
    expect(before - after).toBe(181_000);
    const stored = await call("GET", `/v1/autodoc/invitations/${invitation.token}`, {
      token: tenant.testKey,
    });
    expect(Date.parse(String(stored.body.sentAt))).toBe(after);
    const resent = await resend(tenant.testKey, invitation.token);
    expect(resent.status).toBe(200);
  });

  it("needs the operator token and a sent test-mode invitation, and refuses bad bodies", async ({
    expect,
  }) => {
    const tenant = await createTenant();
    const live = await sentInvitation(tenant.liveKey, tenant);
    expect((await rewind(live.token, { seconds: 181 }, null)).status).toBe(401);
    expect((await rewind(live.token, { seconds: 181 }, tenant.testKey)).status).toBe(401);
    expect((await rewind(live.token, { seconds: 181 })).status).toBe(404);
    expect((await rewind("adi_000000000000000000000000", { seconds: 181 })).status).toBe(404);
    for (const body of [{}, { seconds: 0 }, { seconds: "181" }, { seconds: 366 * 86_400 + 1 }]) {
      expect((await rewind(live.token, body)).status).toBe(400);
    }
    const liveState = await sendGate(env, live.token).state();
    expect(Date.now() - Number(liveState.lastSentAt)).toBeLessThan(60_000);
  });

  it("a rewind past the invitation's lifetime expires it: the view says so, the link answers 410, no resend", async ({
    expect,
  }) => {
    const tenant = await createTenant();
    const invitation = await sentInvitation(tenant.testKey, tenant);
    const res = await rewind(invitation.token, { seconds: 30 * 86_400 + 1 });
    expect(res.status).toBe(200);
    expect(res.body.expired).toBe(true);
    const read = await call("GET", `/v1/autodoc/invitations/${invitation.token}`, { token: tenant.testKey });
    expect(read.body).toMatchObject({ expired: true, expiresAt: res.body.expiresAt });
    const link = await exports.default.fetch(String(read.body.url), {
      headers: { "User-Agent": "Mozilla/5.0 Chrome/130" },
      redirect: "manual",
    });
    expect(link.status).toBe(410);
    expect((await resend(tenant.testKey, invitation.token)).status).toBe(410);
  });
});
