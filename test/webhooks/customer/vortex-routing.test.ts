import { env, exports } from "cloudflare:workers";
import { Webhook } from "standardwebhooks";
import { describe, it, vi } from "vitest";
import { createDb } from "../../../src/db/client";
import { fanOut } from "../../../src/webhooks/customer/fanout";
import { customerState, received } from "../../fakes/customer-endpoint";
import { admin, call, createInvitation } from "../../helpers/api";
import { createBody, createVortexTenant, vortex } from "../../helpers/vortex";
import {
  createLiveInvitation,
  eventsAt,
  settle,
  subscribe,
  uniquePath,
  waitForEvents,
} from "../../helpers/vortex-webhooks";

describe("Vortex webhooks: which endpoints, and delivery", () => {
  it("respects the endpoint's events and mode", async ({ expect }) => {
    const tenant = await createVortexTenant();
    const onlyClicks = uniquePath("clicks");
    const testMode = uniquePath("test-mode");
    const clicks = await subscribe(tenant, onlyClicks, { events: ["invitation.link.clicked"] });
    const test = await subscribe(tenant, testMode, { mode: "test" });
    const live = await createLiveInvitation(tenant, { type: "internal", value: "user-1" });
    await exports.default.fetch(live.shortLink, {
      headers: { "User-Agent": "Mozilla/5.0 Chrome/131" },
      redirect: "manual",
    });
    await settle([live.id]);
    expect(eventsAt(onlyClicks, clicks.secret).map((e) => e.type)).toEqual(["invitation.link.clicked"]);
    expect(eventsAt(testMode, test.secret)).toEqual([]);
    const inTestMode = await vortex(
      tenant.vortexTest,
      "POST",
      "/invitations",
      createBody(tenant.widgetId, { type: "internal", value: "user-2" }),
    );
    const [event] = await waitForEvents(testMode, test.secret, 1);
    expect(event).toMatchObject({
      type: "invitation.created",
      environmentId: `${event?.accountId}:test`,
      data: { invitationId: inTestMode.body.id },
    });
  });

  it("never sends Vortex invitations to AutoDoc endpoints, nor AutoDoc invitations to Vortex endpoints", async ({
    expect,
  }) => {
    const tenant = await createVortexTenant();
    const vortexPath = uniquePath("vortex-only");
    const autodocPath = uniquePath("autodoc-only");
    const vortexEndpoint = await subscribe(tenant, vortexPath, { events: ["invitation.created"] });
    const autodocEndpoint = await call("POST", "/v1/autodoc/webhook_endpoints", {
      token: tenant.liveKey,
      body: { url: `https://customer.example${autodocPath}`, events: ["invitation.created"] },
    });
    const autodocSecret = String(autodocEndpoint.body.secret);
    const autodocInvitation = await createInvitation(tenant.liveKey, {
      workflowToken: tenant.workflowToken,
      channel: "email",
      recipient: "autodoc@example.com",
    });
    const vortexInvitation = await createLiveInvitation(tenant, { type: "internal", value: "user-9" });
    await settle([autodocInvitation.token, vortexInvitation.id]);
    expect(eventsAt(vortexPath, vortexEndpoint.secret).map((e) => e.data.invitationId)).toEqual([
      vortexInvitation.id,
    ]);
    const standard = new Webhook(autodocSecret);
    const autodocDeliveries = received
      .filter((r) => r.path === autodocPath)
      .map((r) => standard.verify(r.body, r.headers) as { data: { token: string } });
    expect(autodocDeliveries.map((d) => d.data.token)).toEqual([autodocInvitation.token]);
    // The fan-out itself picks one endpoint per created event: the one of the invitation's dialect.
    const db = createDb(env.DB);
    for (const token of [autodocInvitation.token, vortexInvitation.id]) {
      const row = await env.DB.prepare(
        "update invitation_events set dispatched_at = null where invitation_token = ? and webhook_type = 'invitation.created' returning id",
      )
        .bind(token)
        .first<{ id: number }>();
      expect(await fanOut(env, db, row?.id ?? -1)).toBe(1);
    }
  });

  it("retries under the same id, body and signature, and disables an endpoint that answers 410", async ({
    expect,
  }) => {
    const tenant = await createVortexTenant();
    customerState.flakyFailures = 1;
    const flaky = await subscribe(tenant, "/flaky", { events: ["invitation.created"] });
    const gone = await subscribe(tenant, "/gone", { events: ["invitation.created"] });
    const { id } = await createLiveInvitation(tenant, { type: "internal", value: "user-3" });
    await vi.waitUntil(() => received.filter((r) => r.path === "/flaky" && r.body.includes(id)).length >= 2, {
      timeout: 10_000,
      interval: 50,
    });
    const [first, second] = received.filter((r) => r.path === "/flaky" && r.body.includes(id));
    expect(second?.body).toBe(first?.body);
    expect(second?.headers["x-vortex-signature"]).toBe(first?.headers["x-vortex-signature"]);
    expect(eventsAt("/flaky", flaky.secret).filter((e) => e.data.invitationId === id)).toHaveLength(2);
    await vi.waitUntil(async () => {
      const list = await admin("GET", `/organizations/${tenant.slug}/vortex-webhooks`);
      return (list.body.data as { id: string; status: string }[]).some(
        (e) => e.id === gone.id && e.status === "disabled",
      );
    });
  }, 15_000);
});
