import { describe, it, onTestFinished } from "vitest";
import { API, call, createInvitation, createTenant } from "../../helpers/api";
import { countedEnv } from "../../helpers/counted-env";
import { timelineOf } from "../../helpers/delivery-state";
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

  it("records the event and answers the invitation in one D1 round trip, and nothing for another's key", async ({
    expect,
  }) => {
    const tenant = await createTenant();
    const other = await createTenant();
    const invitation = await createInvitation(tenant.testKey, {
      workflowToken: tenant.workflowToken,
      channel: "email",
      recipient: "one-trip@example.com",
    });
    const counted = countedEnv();
    const post = (key: string) =>
      counted.fetch(
        new Request(`${API}/v1/autodoc/invitations/${invitation.token}/events`, {
          method: "POST",
          headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
          body: JSON.stringify({ type: "started", dossierId: "dos_7" }),
        }),
      );
    try {
      // The principal lookup is aside: each key's first use fills the isolate's cache.
      for (const key of [tenant.testKey, other.testKey]) {
        await counted.fetch(
          new Request(`${API}/v1/autodoc/invitations?limit=1`, {
            headers: { Authorization: `Bearer ${key}` },
          }),
        );
      }
      counted.take();
      const foreign = await post(other.testKey);
      expect(foreign.status).toBe(404);
      expect(counted.take()).toEqual({ d1: 1, d1Session: 0, doRequests: 0, queued: {} });
      expect((await timelineOf(invitation.token)).map((e) => e.type)).toEqual(["invitation.created"]);
      const started = await post(tenant.testKey);
      expect(started.status).toBe(200);
      expect(await started.json()).toMatchObject({ token: invitation.token, status: "started" });
      expect(counted.take()).toMatchObject({ d1: 1, doRequests: 0 });
    } finally {
      counted.restore();
    }
    expect((await timelineOf(invitation.token)).map((e) => e.type)).toEqual([
      "invitation.created",
      "link.opened",
      "visitor.started",
    ]);
  });
});
