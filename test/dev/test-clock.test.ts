import { env } from "cloudflare:workers";
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
    for (const body of [{}, { seconds: 0 }, { seconds: "181" }, { seconds: 86_401 }]) {
      expect((await rewind(live.token, body)).status).toBe(400);
    }
    const liveState = await sendGate(env, live.token).state();
    expect(Date.now() - Number(liveState.lastSentAt)).toBeLessThan(60_000);
  });
});
