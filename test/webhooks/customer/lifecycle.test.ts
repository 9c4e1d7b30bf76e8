import { env, exports } from "cloudflare:workers";
import { Webhook } from "standardwebhooks";
import { describe, it } from "vitest";
import { WEBHOOK_EVENT_TYPES, webhookRetryDelay } from "../../../src/webhooks/customer/event-types";
import { failNextPosts, receivedAt, uniquePath } from "../../fakes/customer-endpoint";
import { call, createInvitation, createTenant, type Tenant } from "../../helpers/api";
import { timelineOf } from "../../helpers/delivery-state";
import { holdDeliveries } from "../../helpers/held-deliveries";
import { deliverWebhooksOf, holdWebhooksInEachTest } from "../../helpers/held-webhooks";
import { postResendEvent, providerMessageId, resendEvent } from "../../helpers/provider-callbacks";
import { REAL_QUEUE_TEST_TIMEOUT, runQueue, waitForStatus } from "../../helpers/queue";
import { runDailyJobFor } from "../../helpers/sweeps";
import { waitFor } from "../../helpers/wait-for";

const ALL_EVENTS = [...WEBHOOK_EVENT_TYPES];

async function subscribe(tenant: Tenant, path: string, events = ALL_EVENTS) {
  const res = await call("POST", "/v1/autodoc/webhook_endpoints", {
    token: tenant.liveKey,
    body: { url: `https://customer.example${path}`, events },
  });
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  return res.body as { id: string; secret: string };
}

type Delivery = { type: string; data: { token: string; status: string; metadata: Record<string, string> } };

/** What the customer's endpoint received on `path`, each verified with the standardwebhooks package. */
function deliveriesTo(path: string, secret: string): Delivery[] {
  const webhook = new Webhook(secret);
  return receivedAt(path).map((r) => webhook.verify(r.body, r.headers) as Delivery);
}

describe("webhooks to customers, through the real queue", { timeout: REAL_QUEUE_TEST_TIMEOUT }, () => {
  it("follows pending → sent → delivered → opened → started → completed as the customer sees it", async ({
    expect,
  }) => {
    const tenant = await createTenant();
    const path = uniquePath("lifecycle");
    const { secret } = await subscribe(tenant, path);
    expect(secret).toMatch(/^whsec_/);
    const invitation = await createInvitation(tenant.liveKey, {
      workflowToken: tenant.workflowToken,
      channel: "email",
      recipient: "lifecycle@example.com",
      metadata: { crmId: "4411" },
    });
    await waitForStatus(tenant.liveKey, invitation.token, ["sent"]);
    await postResendEvent(resendEvent("email.delivered", await providerMessageId(invitation.token)));
    const click = await exports.default.fetch(invitation.url, {
      headers: { "User-Agent": "Mozilla/5.0 Chrome/131" },
      redirect: "manual",
    });
    expect(click.status).toBe(302);
    for (const type of ["started", "completed"]) {
      const res = await call("POST", `/v1/autodoc/invitations/${invitation.token}/events`, {
        token: tenant.liveKey,
        body: { type, dossierId: "dos_1" },
      });
      expect(res.body.status).toBe(type);
    }
    await waitFor("six webhooks posted", () => receivedAt(path).length >= 6, 20_000);
    const deliveries = deliveriesTo(path, secret);
    expect(deliveries.map((d) => d.type).sort()).toEqual(
      [
        "invitation.created",
        "invitation.sent",
        "invitation.delivered",
        "invitation.opened",
        "invitation.started",
        "invitation.completed",
      ].sort(),
    );
    for (const delivery of deliveries) {
      expect(delivery.data.token).toBe(invitation.token);
      expect(delivery.data.metadata).toEqual({ crmId: "4411" });
    }
    const timeline = await call("GET", `/v1/autodoc/invitations/${invitation.token}/events`, {
      token: tenant.liveKey,
    });
    const types = (timeline.body.data as { type: string }[]).map((e) => e.type);
    // A webhook's own delivery lands on the timeline whenever its POST is answered, so it is left out here.
    const invitationTypes = types.filter((type) => !type.startsWith("webhook."));
    expect(invitationTypes.slice(0, 2)).toEqual(["invitation.created", "send.accepted"]);
    expect(types).toEqual(
      expect.arrayContaining(["provider.delivered", "link.opened", "visitor.started", "visitor.completed"]),
    );
    // Each delivery is on the timeline once its 2xx is written, which follows the POST.
    await waitFor(
      "six webhook.delivered on the timeline",
      async () => {
        const delivered = (await timelineOf(invitation.token)).filter((e) => e.type === "webhook.delivered");
        return delivered.length >= 6 ? delivered : null;
      },
      20_000,
    );
    const again = await call("GET", `/v1/autodoc/invitations/${invitation.token}/events`, {
      token: tenant.liveKey,
    });
    const delivered = (again.body.data as { type: string }[]).filter((e) => e.type === "webhook.delivered");
    expect(delivered).toHaveLength(6);
    expect(receivedAt(path)).toHaveLength(6);
  });
});

describe("webhooks to customers", () => {
  // These tests deliver their webhooks themselves, with the Worker's consumer; none waits on the queue.
  const webhooks = holdWebhooksInEachTest();

  it("retries a failing endpoint under the same webhook-id and body", async ({ expect }) => {
    const tenant = await createTenant();
    const path = uniquePath("flaky");
    failNextPosts(path, 1);
    const { id, secret } = await subscribe(tenant, path, ["invitation.created"]);
    const invitation = await createInvitation(tenant.liveKey, {
      workflowToken: tenant.workflowToken,
      channel: "email",
      recipient: "flaky@example.com",
    });
    const retried = await deliverWebhooksOf(webhooks.queue, tenant.organizationId);
    expect(retried).toEqual([
      {
        body: expect.objectContaining({ kind: "deliver", endpointId: id }),
        delaySeconds: webhookRetryDelay(1),
      },
    ]);
    expect(webhookRetryDelay(1)).toBe(5);
    expect(receivedAt(path)).toHaveLength(1);
    // The queue's second attempt, handed over as the queue would after the delay.
    const second = await runQueue("webhooks", [{ body: retried[0]?.body, attempts: 2 }]);
    expect(second.result.explicitAcks).toHaveLength(1);
    const [first, again] = receivedAt(path);
    expect(receivedAt(path)).toHaveLength(2);
    expect(first?.headers["webhook-id"]).toBe(again?.headers["webhook-id"]);
    expect(first?.body).toBe(again?.body);
    expect(deliveriesTo(path, secret)).toHaveLength(2);
    const timeline = await timelineOf(invitation.token);
    expect(timeline.filter((e) => e.type === "webhook.delivered")).toHaveLength(1);
  });

  it("retries with the bytes of the first attempt, though the invitation moved on meanwhile", async ({
    expect,
  }) => {
    const tenant = await createTenant();
    const path = uniquePath("kept-body");
    failNextPosts(path, 1);
    const { secret } = await subscribe(tenant, path, ["invitation.created"]);
    const deliveries = holdDeliveries();
    try {
      const invitation = await createInvitation(tenant.liveKey, {
        workflowToken: tenant.workflowToken,
        channel: "email",
        recipient: "kept-body@example.com",
      });
      const [retry] = await deliverWebhooksOf(webhooks.queue, tenant.organizationId);
      // The invitation is sent before the retry: a body rendered now would say so.
      await deliveries.deliver(invitation.token);
      await waitForStatus(tenant.liveKey, invitation.token, ["sent"]);
      await runQueue("webhooks", [{ body: retry?.body, attempts: 2 }]);
      const posted = deliveriesTo(path, secret);
      expect(posted.map((d) => d.data.status)).toEqual(["pending", "pending"]);
      const [first, again] = receivedAt(path);
      expect(again?.body).toBe(first?.body);
    } finally {
      await deliveries.restore();
    }
  });

  it("disables an endpoint that answers 410 Gone", async ({ expect }) => {
    const tenant = await createTenant();
    const path = uniquePath("gone");
    const { id } = await subscribe(tenant, path, ["invitation.created"]);
    await createInvitation(tenant.liveKey, {
      workflowToken: tenant.workflowToken,
      channel: "email",
      recipient: "gone@example.com",
    });
    // A 410 is final: no retry.
    expect(await deliverWebhooksOf(webhooks.queue, tenant.organizationId)).toEqual([]);
    expect(receivedAt(path)).toHaveLength(1);
    const list = await call("GET", "/v1/autodoc/webhook_endpoints", { token: tenant.liveKey });
    const endpoint = (list.body.data as Record<string, unknown>[]).find((e) => e.id === id);
    expect(endpoint).toMatchObject({ status: "disabled", disabledReason: expect.stringContaining("410") });
    expect(endpoint?.secret).toBeUndefined();
  });

  it("emits invitation.expired once, from the daily job", async ({ expect }) => {
    const tenant = await createTenant();
    const path = uniquePath("expiry");
    const { secret } = await subscribe(tenant, path, ["invitation.expired"]);
    const invitation = await createInvitation(tenant.liveKey, {
      workflowToken: tenant.workflowToken,
      channel: "email",
      recipient: "late@example.com",
    });
    await env.DB.prepare("update invitations set expires_at = ? where token = ?")
      .bind(Date.now() - 1000, invitation.token)
      .run();
    await runDailyJobFor([invitation.token]);
    expect(await deliverWebhooksOf(webhooks.queue, tenant.organizationId)).toEqual([]);
    const deliveries = deliveriesTo(path, secret);
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]).toMatchObject({ type: "invitation.expired", data: { token: invitation.token } });
    const timeline = await call("GET", `/v1/autodoc/invitations/${invitation.token}/events`, {
      token: tenant.liveKey,
    });
    expect(
      (timeline.body.data as { type: string }[]).filter((e) => e.type === "invitation.expired"),
    ).toHaveLength(1);
  });

  it("refuses endpoint URLs outside the policy, and unknown events", async ({ expect }) => {
    const tenant = await createTenant();
    for (const body of [
      { url: "http://customer.example/hook", events: ["invitation.sent"] },
      { url: "https://user:pass@customer.example/hook", events: ["invitation.sent"] },
      { url: "not a url", events: ["invitation.sent"] },
      { url: "https://customer.example/hook", events: ["invitation.exploded"] },
      { url: "https://customer.example/hook", events: [] },
    ]) {
      const res = await call("POST", "/v1/autodoc/webhook_endpoints", { token: tenant.liveKey, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body).toMatchObject({ error: { code: "validation_error" } });
    }
  });
});
