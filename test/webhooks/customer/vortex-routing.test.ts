import { env } from "cloudflare:workers";
import { Webhook } from "standardwebhooks";
import { describe, it } from "vitest";
import { createDb } from "../../../src/db/client";
import { webhookRetryDelay } from "../../../src/webhooks/customer/event-types";
import { fanOut } from "../../../src/webhooks/customer/fanout";
import { failNextPosts, receivedAt } from "../../fakes/customer-endpoint";
import { admin, call, createInvitation } from "../../helpers/api";
import { deliverWebhooksOf, holdWebhooksInEachTest } from "../../helpers/held-webhooks";
import { openLink } from "../../helpers/link-visits";
import { runQueue } from "../../helpers/queue";
import { createBody, createVortexTenant, vortex } from "../../helpers/vortex";
import { createLiveInvitation, eventsAt, subscribe, uniquePath } from "../../helpers/vortex-webhooks";

// Each test delivers its webhooks itself: nothing is left to the background queue, so "only these" holds.
const webhooks = holdWebhooksInEachTest();

describe("Vortex webhooks: which endpoints, and delivery", () => {
  it("respects the endpoint's events and mode", async ({ expect }) => {
    const tenant = await createVortexTenant();
    const onlyClicks = uniquePath("clicks");
    const testMode = uniquePath("test-mode");
    const clicks = await subscribe(tenant, onlyClicks, { events: ["invitation.link.clicked"] });
    const test = await subscribe(tenant, testMode, { mode: "test" });
    const live = await createLiveInvitation(tenant, { type: "internal", value: "user-1" });
    await openLink(live.shortLink, { userAgent: "Mozilla/5.0 Chrome/131" });
    expect(await deliverWebhooksOf(webhooks.queue, tenant.organizationId)).toEqual([]);
    expect(eventsAt(onlyClicks, clicks.secret).map((e) => e.type)).toEqual(["invitation.link.clicked"]);
    expect(eventsAt(testMode, test.secret)).toEqual([]);
    const inTestMode = await vortex(
      tenant.vortexTest,
      "POST",
      "/invitations",
      createBody(tenant.widgetId, { type: "internal", value: "user-2" }),
    );
    expect(await deliverWebhooksOf(webhooks.queue, tenant.organizationId)).toEqual([]);
    const events = eventsAt(testMode, test.secret);
    expect(events).toHaveLength(1);
    const [event] = events;
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
    expect(await deliverWebhooksOf(webhooks.queue, tenant.organizationId)).toEqual([]);
    expect(eventsAt(vortexPath, vortexEndpoint.secret).map((e) => e.data.invitationId)).toEqual([
      vortexInvitation.id,
    ]);
    const standard = new Webhook(autodocSecret);
    const autodocDeliveries = receivedAt(autodocPath).map(
      (r) => standard.verify(r.body, r.headers) as { data: { token: string } },
    );
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
    const flakyPath = uniquePath("flaky");
    failNextPosts(flakyPath, 1);
    const flaky = await subscribe(tenant, flakyPath, { events: ["invitation.created"] });
    const gone = await subscribe(tenant, uniquePath("gone"), { events: ["invitation.created"] });
    const { id } = await createLiveInvitation(tenant, { type: "internal", value: "user-3" });
    // The first attempt: the flaky endpoint answers 503 and is retried; the gone one answers 410 and is not.
    const retried = await deliverWebhooksOf(webhooks.queue, tenant.organizationId);
    expect(retried).toEqual([
      { body: expect.objectContaining({ kind: "deliver", endpointId: flaky.id }), delaySeconds: 5 },
    ]);
    expect(webhookRetryDelay(1)).toBe(5);
    const list = await admin("GET", `/organizations/${tenant.slug}/vortex-webhooks`);
    expect(list.body.data).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: gone.id, status: "disabled" }),
        expect.objectContaining({ id: flaky.id, status: "enabled" }),
      ]),
    );
    // The queue's second attempt, handed to the consumer as the queue would hand it after the delay.
    const second = await runQueue("webhooks", [{ body: retried[0]?.body, attempts: 2 }]);
    expect(second.result.explicitAcks).toHaveLength(1);
    const [first, again] = receivedAt(flakyPath);
    expect(receivedAt(flakyPath)).toHaveLength(2);
    expect(again?.body).toBe(first?.body);
    expect(again?.headers["x-vortex-signature"]).toBe(first?.headers["x-vortex-signature"]);
    expect(eventsAt(flakyPath, flaky.secret).map((e) => e.data.invitationId)).toEqual([id, id]);
  });
});
