import { describe, it } from "vitest";
import { WEBHOOK_EVENT_TYPES } from "../../src/webhooks/customer/event-types";
import { receivedAt, uniquePath } from "../fakes/customer-endpoint";
import { API, createTenant, type Tenant } from "../helpers/api";
import { type Counts, countedEnv } from "../helpers/counted-env";
import { deliveryRow } from "../helpers/delivery-state";

const CHROME =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";

type Counted = ReturnType<typeof countedEnv>;
type Step = "create" | "send" | "click" | "started" | "webhooks";

const json = (method: string, path: string, key: string, body?: unknown) =>
  new Request(`${API}${path}`, {
    method,
    headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

const sum = (steps: Record<string, Counts>) =>
  Object.values(steps).reduce(
    (total, c) => ({
      d1: total.d1 + c.d1,
      doRequests: total.doRequests + c.doRequests,
      queueMessages: total.queueMessages + c.queued.deliveries + c.queued.webhooks,
    }),
    { d1: 0, doRequests: 0, queueMessages: 0 },
  );

/**
 * One invitation taken create → sent (the deliveries consumer) → opened (a person's first click) → started
 * (the visitor event), every queue drained by the test through the Worker's own consumers, all on one
 * counted env. `drainEachStep`: the webhooks queue is drained after each step (a quiet system, where every
 * message is a batch of its own) instead of once at the end (the queue batches what waits in it).
 */
async function lifecycle(counted: Counted, tenant: Tenant, key: string, drainEachStep: boolean) {
  const steps: Partial<Record<Step, Counts>> = {};
  const webhookCounts: Counts[] = [];
  const drainWebhooks = async () => {
    await counted.drain("webhooks");
    webhookCounts.push(counted.take());
  };
  // The principal lookup is aside: the key's first use fills the isolate's cache.
  await counted.fetch(json("GET", "/v1/autodoc/invitations?limit=1", key));
  counted.take();
  const created = await counted.fetch(
    json("POST", "/v1/autodoc/invitations", key, {
      workflowToken: tenant.workflowToken,
      channel: "email",
      recipient: `lifecycle-${crypto.randomUUID()}@example.com`,
    }),
  );
  if (created.status !== 201) throw new Error(`create: ${created.status} ${await created.text()}`);
  const invitation = (await created.json()) as { token: string; url: string };
  steps.create = counted.take();
  if (drainEachStep) await drainWebhooks();
  await counted.drain("deliveries");
  steps.send = counted.take();
  if (drainEachStep) await drainWebhooks();
  const click = await counted.fetch(
    new Request(invitation.url, { headers: { "User-Agent": CHROME }, redirect: "manual" }),
  );
  if (click.status !== 302) throw new Error(`click: ${click.status}`);
  steps.click = counted.take();
  if (drainEachStep) await drainWebhooks();
  const started = await counted.fetch(
    json("POST", `/v1/autodoc/invitations/${invitation.token}/events`, key, { type: "started" }),
  );
  if (started.status !== 200) throw new Error(`started: ${started.status} ${await started.text()}`);
  steps.started = counted.take();
  await drainWebhooks();
  await counted.drain("deliveries");
  webhookCounts.push(counted.take());
  steps.webhooks = webhookCounts.reduce((total, c) => ({
    d1: total.d1 + c.d1,
    doRequests: total.doRequests + c.doRequests,
    queued: {
      deliveries: total.queued.deliveries + c.queued.deliveries,
      webhooks: total.queued.webhooks + c.queued.webhooks,
    },
  }));
  return { invitation, steps: steps as Record<Step, Counts> };
}

async function subscribeAll(counted: Counted, tenant: Tenant) {
  const path = uniquePath("lifecycle-cost");
  const res = await counted.fetch(
    json("POST", "/v1/autodoc/webhook_endpoints", tenant.liveKey, {
      url: `https://customer.example${path}`,
      events: [...WEBHOOK_EVENT_TYPES],
    }),
  );
  if (res.status !== 201) throw new Error(`endpoint: ${res.status} ${await res.text()}`);
  return path;
}

describe("what one invitation costs, create → sent → opened → started", () => {
  it("with no webhook endpoint (test mode)", async ({ expect }) => {
    const tenant = await createTenant();
    const counted = countedEnv();
    try {
      const { invitation, steps } = await lifecycle(counted, tenant, tenant.testKey, false);
      const total = sum(steps);
      console.log(JSON.stringify({ lifecycle: "noEndpoint", total, steps }));
      expect(await deliveryRow(invitation.token)).toMatchObject({ status: "started", deliveryAttempts: 1 });
      expect(total.d1).toBeLessThanOrEqual(6);
    } finally {
      counted.restore();
    }
  });

  for (const drainEachStep of [false, true]) {
    it(`with one endpoint subscribed to every event (live mode), webhooks drained ${
      drainEachStep ? "after each step" : "at the end"
    }`, async ({ expect }) => {
      const tenant = await createTenant();
      const counted = countedEnv();
      try {
        const path = await subscribeAll(counted, tenant);
        const { invitation, steps } = await lifecycle(counted, tenant, tenant.liveKey, drainEachStep);
        const total = sum(steps);
        console.log(JSON.stringify({ lifecycle: "oneEndpoint", drainEachStep, total, steps }));
        expect(await deliveryRow(invitation.token)).toMatchObject({ status: "started", deliveryAttempts: 1 });
        const types = receivedAt(path).map((r) => (JSON.parse(r.body) as { type: string }).type);
        expect(types.sort()).toEqual(
          ["invitation.created", "invitation.sent", "invitation.opened", "invitation.started"].sort(),
        );
        expect(total.d1).toBeLessThanOrEqual(drainEachStep ? 13 : 10);
      } finally {
        counted.restore();
      }
    });
  }
});
