import { describe, it, onTestFinished } from "vitest";
import { call, createInvitation, createTenant } from "../../helpers/api";
import { holdDeliveries } from "../../helpers/held-deliveries";

describe("visitor-app events", () => {
  it("starts a never-opened invitation, which also counts as opened; repeats change nothing", async ({
    expect,
  }) => {
    const deliveries = holdDeliveries();
    onTestFinished(deliveries.restore);
    const tenant = await createTenant();
    const invitation = await createInvitation(tenant.testKey, {
      workflowToken: tenant.workflowToken,
      channel: "email",
      recipient: "v@example.com",
    });
    await deliveries.deliver(invitation.token);
    const sent = await call("GET", `/v1/autodoc/invitations/${invitation.token}`, { token: tenant.testKey });
    expect(sent.body.status).toBe("sent");
    const post = (type: string) =>
      call("POST", `/v1/autodoc/invitations/${invitation.token}/events`, {
        token: tenant.testKey,
        body: { type },
      });
    expect((await post("started")).body.status).toBe("started");
    expect((await post("started")).body.status).toBe("started");
    expect((await post("rejected")).body.status).toBe("rejected");
    expect((await post("started")).body.status).toBe("rejected");
    const timeline = await call("GET", `/v1/autodoc/invitations/${invitation.token}/events`, {
      token: tenant.testKey,
    });
    const events = timeline.body.data as { type: string; data: Record<string, unknown> }[];
    expect(events.map((e) => e.type)).toEqual([
      "invitation.created",
      "send.accepted",
      "link.opened",
      "visitor.started",
      "visitor.rejected",
    ]);
    expect(events[2]?.data).toEqual({ implied: true });
  });

  it("validates the event and hides other organizations' invitations", async ({ expect }) => {
    const tenant = await createTenant();
    const other = await createTenant();
    const invitation = await createInvitation(tenant.testKey, {
      workflowToken: tenant.workflowToken,
      channel: "email",
      recipient: "v@example.com",
    });
    const bad = await call("POST", `/v1/autodoc/invitations/${invitation.token}/events`, {
      token: tenant.testKey,
      body: { type: "finished" },
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { code: "validation_error", details: [{ field: "type" }] } });
    for (const key of [other.testKey, tenant.liveKey]) {
      const post = await call("POST", `/v1/autodoc/invitations/${invitation.token}/events`, {
        token: key,
        body: { type: "started" },
      });
      expect(post.status).toBe(404);
      expect(
        (await call("GET", `/v1/autodoc/invitations/${invitation.token}/events`, { token: key })).status,
      ).toBe(404);
    }
  });
});
