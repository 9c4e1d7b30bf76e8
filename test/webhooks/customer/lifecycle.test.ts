import { env, exports } from "cloudflare:workers";
import { Webhook } from "standardwebhooks";
import { describe, it, vi } from "vitest";
import { DAILY_CRON, runScheduled } from "../../../src/scheduled/index";
import { WEBHOOK_EVENT_TYPES } from "../../../src/webhooks/customer/event-types";
import { customerState, received } from "../../fakes/customer-endpoint";
import { call, createInvitation, createTenant, type Tenant } from "../../helpers/api";
import { postResendEvent, providerMessageId, resendEvent } from "../../helpers/provider-callbacks";
import { waitForStatus } from "../../helpers/queue";

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
  return received.filter((r) => r.path === path).map((r) => webhook.verify(r.body, r.headers) as Delivery);
}

async function waitForDeliveries(path: string, secret: string, count: number, timeout = 5000) {
  await vi.waitUntil(() => deliveriesTo(path, secret).length >= count, { timeout, interval: 25 });
  return deliveriesTo(path, secret);
}

describe("webhooks to customers", () => {
  it("follows pending → sent → delivered → opened → started → completed as the customer sees it", async ({
    expect,
  }) => {
    const tenant = await createTenant();
    const path = `/lifecycle-${crypto.randomUUID()}`;
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
    const deliveries = await waitForDeliveries(path, secret, 6);
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
    expect(types.slice(0, 2)).toEqual(["invitation.created", "send.accepted"]);
    expect(types).toEqual(
      expect.arrayContaining(["provider.delivered", "link.opened", "visitor.started", "visitor.completed"]),
    );
    await vi.waitUntil(async () => {
      const again = await call("GET", `/v1/autodoc/invitations/${invitation.token}/events`, {
        token: tenant.liveKey,
      });
      return (
        (again.body.data as { type: string }[]).filter((e) => e.type === "webhook.delivered").length === 6
      );
    });
  });

  it("retries a failing endpoint under the same webhook-id and body", async ({ expect }) => {
    const tenant = await createTenant();
    const path = "/flaky";
    received.splice(0, received.length);
    customerState.flakyFailures = 1;
    const { secret } = await subscribe(tenant, path, ["invitation.created"]);
    await createInvitation(tenant.liveKey, {
      workflowToken: tenant.workflowToken,
      channel: "email",
      recipient: "flaky@example.com",
    });
    await vi.waitUntil(() => received.filter((r) => r.path === path).length >= 2, {
      timeout: 10_000,
      interval: 50,
    });
    const [first, second] = received.filter((r) => r.path === path);
    expect(first?.headers["webhook-id"]).toBe(second?.headers["webhook-id"]);
    expect(first?.body).toBe(second?.body);
    expect(deliveriesTo(path, secret)).toHaveLength(2);
  }, 15_000);

  it("disables an endpoint that answers 410 Gone", async ({ expect }) => {
    const tenant = await createTenant();
    const { id } = await subscribe(tenant, "/gone", ["invitation.created"]);
    await createInvitation(tenant.liveKey, {
      workflowToken: tenant.workflowToken,
      channel: "email",
      recipient: "gone@example.com",
    });
    await vi.waitUntil(async () => {
      const list = await call("GET", "/v1/autodoc/webhook_endpoints", { token: tenant.liveKey });
      return (list.body.data as { id: string; status: string }[]).some(
        (e) => e.id === id && e.status === "disabled",
      );
    });
    const list = await call("GET", "/v1/autodoc/webhook_endpoints", { token: tenant.liveKey });
    const endpoint = (list.body.data as Record<string, unknown>[]).find((e) => e.id === id);
    expect(endpoint).toMatchObject({ status: "disabled", disabledReason: expect.stringContaining("410") });
    expect(endpoint?.secret).toBeUndefined();
  });

  it("emits invitation.expired once, from the daily job", async ({ expect }) => {
    const tenant = await createTenant();
    const path = `/expiry-${crypto.randomUUID()}`;
    const { secret } = await subscribe(tenant, path, ["invitation.expired"]);
    const invitation = await createInvitation(tenant.liveKey, {
      workflowToken: tenant.workflowToken,
      channel: "email",
      recipient: "late@example.com",
    });
    await env.DB.prepare("update invitations set expires_at = ? where token = ?")
      .bind(Date.now() - 1000, invitation.token)
      .run();
    await runScheduled(DAILY_CRON, env);
    await runScheduled(DAILY_CRON, env);
    const [delivery] = await waitForDeliveries(path, secret, 1);
    expect(delivery).toMatchObject({ type: "invitation.expired", data: { token: invitation.token } });
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
