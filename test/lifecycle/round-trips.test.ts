import { describe, it } from "vitest";
import { WEBHOOK_EVENT_TYPES } from "../../src/webhooks/customer/event-types";
import { receivedAt, uniquePath } from "../fakes/customer-endpoint";
import { createTenant, type Tenant } from "../helpers/api";
import { type CountedEnv, type Counts, countedEnv } from "../helpers/counted-env";
import { deliveryRow } from "../helpers/delivery-state";
import { CHROME } from "../helpers/link-visits";

type Step = "create" | "send" | "click" | "visit" | "started" | "webhooks";

const NONE: Counts = { d1: 0, d1Session: 0, doRequests: 0, queued: {} };

function add(a: Counts, b: Counts): Counts {
  const queued = { ...a.queued };
  for (const [binding, n] of Object.entries(b.queued)) queued[binding] = (queued[binding] ?? 0) + n;
  return {
    d1: a.d1 + b.d1,
    d1Session: a.d1Session + b.d1Session,
    doRequests: a.doRequests + b.doRequests,
    queued,
  };
}

const queueMessages = (counts: Counts) => Object.values(counts.queued).reduce((sum, n) => sum + n, 0);

/**
 * One invitation taken create → sent (the deliveries consumer) → opened (a person's first click, recorded
 * by the link-visits consumer) → started (the visitor event), every queue drained by the test through the
 * Worker's own consumers, all on one counted env. `drainEachStep`: the webhooks queue is drained after each
 * step (a quiet system, where every message is a batch of its own) instead of once at the end (the queue
 * batches what waits in it).
 */
async function lifecycle(counted: CountedEnv, tenant: Tenant, key: string, drainEachStep: boolean) {
  const steps: Record<Step, Counts> = {
    create: NONE,
    send: NONE,
    click: NONE,
    visit: NONE,
    started: NONE,
    webhooks: NONE,
  };
  const drainWebhooks = async () => {
    await counted.drain("webhooks");
    steps.webhooks = add(steps.webhooks, counted.take());
  };
  // The principal lookup is aside: the key's first use fills the isolate's cache.
  await counted.api("GET", "/v1/autodoc/invitations?limit=1", key);
  counted.take();
  const created = await counted.api("POST", "/v1/autodoc/invitations", key, {
    workflowToken: tenant.workflowToken,
    channel: "email",
    recipient: `lifecycle-${crypto.randomUUID()}@example.com`,
  });
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
  // The open is recorded after the response, by the link-visits consumer.
  await counted.drain("link-visits");
  steps.visit = counted.take();
  if (drainEachStep) await drainWebhooks();
  const path = `/v1/autodoc/invitations/${invitation.token}/events`;
  const started = await counted.api("POST", path, key, { type: "started" });
  if (started.status !== 200) throw new Error(`started: ${started.status} ${await started.text()}`);
  steps.started = counted.take();
  await drainWebhooks();
  await counted.drain("deliveries");
  steps.webhooks = add(steps.webhooks, counted.take());
  const total = Object.values(steps).reduce(add, NONE);
  console.log(JSON.stringify({ total: { ...total, queueMessages: queueMessages(total) }, steps }));
  return { invitation, steps, total };
}

async function subscribeAll(counted: CountedEnv, tenant: Tenant) {
  const path = uniquePath("lifecycle-cost");
  const res = await counted.api("POST", "/v1/autodoc/webhook_endpoints", tenant.liveKey, {
    url: `https://customer.example${path}`,
    events: [...WEBHOOK_EVENT_TYPES],
  });
  if (res.status !== 201) throw new Error(`endpoint: ${res.status} ${await res.text()}`);
  return path;
}

/** The steps every lifecycle has, with or without an endpoint (their webhook messages aside). */
const COMMON = {
  // One batch; the OrgThrottle's creation budget; the send's message.
  create: { d1: 1, d1Session: 0, doRequests: 1 },
  // The consumer's read and mirror; the gate's begin and record.
  send: { d1: 2, d1Session: 0, doRequests: 2 },
  // The link reads through a D1 session, and hands the open to the link-visits queue.
  click: { d1: 1, d1Session: 1, doRequests: 0 },
  // The link-visits consumer records the open in one batch.
  visit: { d1: 1, d1Session: 0, doRequests: 0 },
  // The visitor event: one batch.
  started: { d1: 1, d1Session: 0, doRequests: 0 },
};

describe("what one invitation costs, create → sent → opened → started", () => {
  it("with no webhook endpoint (test mode): 6 D1 round trips, 5 of them to the primary", async ({
    expect,
  }) => {
    const tenant = await createTenant();
    const counted = countedEnv();
    try {
      const { invitation, steps, total } = await lifecycle(counted, tenant, tenant.testKey, false);
      expect(await deliveryRow(invitation.token)).toMatchObject({ status: "started", deliveryAttempts: 1 });
      expect(steps).toMatchObject(COMMON);
      expect(steps.webhooks).toEqual(NONE);
      expect(total).toEqual({
        d1: 6,
        d1Session: 1,
        doRequests: 3,
        queued: { DELIVERIES: 1, LINK_VISITS: 1 },
      });
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
        const { invitation, steps, total } = await lifecycle(counted, tenant, tenant.liveKey, drainEachStep);
        expect(await deliveryRow(invitation.token)).toMatchObject({ status: "started", deliveryAttempts: 1 });
        const types = receivedAt(path).map((r) => (JSON.parse(r.body) as { type: string }).type);
        expect(types.sort()).toEqual(
          ["invitation.created", "invitation.sent", "invitation.opened", "invitation.started"].sort(),
        );
        expect(steps).toMatchObject(COMMON);
        // Each event's commit queues its one delivery; no fan-out message. Each delivery: the claim and
        // finish at the gate, and 2 D1 round trips per queue batch (its read and its write).
        expect(total.queued).toEqual({ DELIVERIES: 1, LINK_VISITS: 1, WEBHOOKS: 4 });
        expect(steps.webhooks).toEqual({
          d1: drainEachStep ? 8 : 2,
          d1Session: 0,
          doRequests: 8,
          queued: {},
        });
        expect(total.d1).toBe(drainEachStep ? 14 : 8);
      } finally {
        counted.restore();
      }
    });
  }
});
