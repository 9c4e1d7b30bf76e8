import { env } from "cloudflare:workers";
import { describe, it } from "vitest";
import { WEBHOOK_EVENT_TYPES } from "../../src/webhooks/customer/event-types";
import { failNextPosts, received, receivedAt, uniquePath } from "../fakes/customer-endpoint";
import { admin, call, createInvitation, createTenant } from "../helpers/api";
import { holdQueue } from "../helpers/held-queue";
import { deliverWebhooksOf } from "../helpers/held-webhooks";
import { REAL_QUEUE_TEST_TIMEOUT, runQueue, waitForStatus } from "../helpers/queue";
import { createVortexInvitation, createVortexTenant, waitForVortexStatus } from "../helpers/vortex";
import { waitFor } from "../helpers/wait-for";
import { recordProviderCalls } from "./provider-calls";
import { captureMessages, countWhere, undispatchedEvents } from "./queue-capture";

describe("queue redelivery", () => {
  it("delivers every delivery and webhook message three times: one send, one billing row, one webhook per event", {
    timeout: REAL_QUEUE_TEST_TIMEOUT,
  }, async ({ expect }) => {
    const tenant = await createVortexTenant();
    const hooks = `/redelivery-${crypto.randomUUID()}`;
    await call("POST", "/v1/autodoc/webhook_endpoints", {
      token: tenant.liveKey,
      body: { url: `https://customer.example${hooks}/standard`, events: [...WEBHOOK_EVENT_TYPES] },
    });
    await admin("POST", `/organizations/${tenant.slug}/vortex-webhooks`, {
      url: `https://customer.example${hooks}/vortex`,
      mode: "live",
    });
    const provider = recordProviderCalls();
    const deliveries = captureMessages(env.DELIVERIES);
    const webhooks = captureMessages(env.WEBHOOKS);
    const recipients = ["redelivery@example.com", "+15552000901", "redelivery-vortex@example.com"];
    try {
      const base = { workflowToken: tenant.workflowToken };
      const email = await createInvitation(tenant.liveKey, {
        ...base,
        channel: "email",
        recipient: recipients[0],
      });
      const sms = await createInvitation(tenant.liveKey, {
        ...base,
        channel: "sms",
        recipient: recipients[1],
      });
      const target = { type: "email", value: recipients[2] };
      const vortexId = await createVortexInvitation(tenant.vortexLive, tenant.widgetId, target);
      // Two more copies of each delivery message, together, while the real queue delivers its own.
      const deliveryMessages = deliveries.bodies();
      expect(deliveryMessages).toHaveLength(3);
      await Promise.all(
        deliveryMessages.map((body) =>
          runQueue("deliveries", [
            { body, attempts: 2 },
            { body, attempts: 3 },
          ]),
        ),
      );
      await waitForStatus(tenant.liveKey, email.token, ["sent"]);
      await waitForStatus(tenant.liveKey, sms.token, ["sent"]);
      await waitForVortexStatus(tenant.vortexLive, vortexId, ["sent"]);
      const tokens = [email.token, sms.token, vortexId];
      const hooksReceived = () => received.filter((r) => r.path.startsWith(hooks));
      // Every event fanned out and every webhook posted by the real queue, before the copies come.
      await waitFor("every event fanned out", async () => (await undispatchedEvents(tokens)) === 0, 20_000);
      const expected = (
        await env.DB.prepare(
          `SELECT public_id AS id FROM invitation_events WHERE webhook_type IS NOT NULL AND invitation_token IN (?, ?)`,
        )
          .bind(email.token, sms.token)
          .all<{ id: string }>()
      ).results.map((r) => r.id);
      await waitFor("every webhook posted", () => hooksReceived().length >= expected.length + 1, 20_000);
      const webhookMessages = webhooks.bodies();
      // A commit queues its events' deliveries itself; a fan-out of each event (the repair's message) comes
      // too, late and twice, as after a dispatch thought lost.
      const eventIds = new Set(webhookMessages.map((body) => (body as { eventId: number }).eventId));
      const fanouts = [...eventIds].map((eventId) => ({ v: 1, kind: "fanout", eventId }));
      await runQueue(
        "webhooks",
        [...webhookMessages, ...fanouts].flatMap((body) => [
          { body, attempts: 2 },
          { body, attempts: 3 },
        ]),
      );
      // The consumer has handled every copy when runQueue returns: none of them posted anything.

      for (const to of recipients) expect(provider.accepted(to), to).toBe(1);
      for (const token of tokens) {
        const usage = "SELECT count(*) AS n FROM usage_records WHERE invitation_token = ?";
        expect(await countWhere(usage, token), `usage of ${token}`).toBe(1);
      }
      const standard = hooksReceived().filter((r) => r.path.endsWith("/standard"));
      const ids = standard.map((r) => r.headers["webhook-id"]);
      expect([...ids].sort()).toEqual([...expected].sort());
      const vortexBodies = hooksReceived()
        .filter((r) => r.path.endsWith("/vortex"))
        .map((r) => r.body);
      expect(vortexBodies).toHaveLength(1);
      expect(JSON.parse(vortexBodies[0] ?? "{}")).toMatchObject({ type: "invitation.created" });
      // One delivery per event and endpoint (the Vortex endpoint's one), each copied twice above.
      expect(webhookMessages.length).toBeGreaterThanOrEqual(expected.length + 1);
      expect(eventIds.size).toBe(expected.length + 1);
      console.log(
        JSON.stringify({
          deliveryMessages: deliveryMessages.length,
          webhookMessages: webhookMessages.length,
          providerCalls: provider.calls.length,
          webhooksPosted: hooksReceived().length,
        }),
      );
    } finally {
      provider.restore();
      deliveries.restore();
      webhooks.restore();
    }
  });

  it("posts a webhook once when three copies of its message arrive together, before any has succeeded", async ({
    expect,
  }) => {
    const tenant = await createTenant();
    const path = uniquePath("copies");
    await call("POST", "/v1/autodoc/webhook_endpoints", {
      token: tenant.testKey,
      body: { url: `https://customer.example${path}`, events: ["invitation.created"] },
    });
    // The endpoint fails the first attempt: the delivery has not succeeded when the copies come.
    failNextPosts(path, 1);
    const webhooks = holdQueue(env.WEBHOOKS);
    try {
      const invitation = await createInvitation(tenant.testKey, {
        workflowToken: tenant.workflowToken,
        channel: "email",
        recipient: "copies@example.com",
      });
      const atPath = () => receivedAt(path).filter((r) => r.body.includes(invitation.token));
      const retried = await deliverWebhooksOf(webhooks, tenant.organizationId);
      expect(atPath()).toHaveLength(1);
      const deliver = retried.find((r) => JSON.stringify(r.body).includes(invitation.token))?.body;
      expect(deliver).toMatchObject({ kind: "deliver", invitationToken: invitation.token });
      await runQueue(
        "webhooks",
        [2, 3, 4].map((attempts) => ({ body: deliver, attempts })),
      );
      const posted = atPath().slice(1);
      expect(posted.map((r) => r.headers["webhook-id"])).toHaveLength(1);
      expect(posted[0]?.body).toBe(atPath()[0]?.body);
    } finally {
      webhooks.restore();
    }
  });
});
