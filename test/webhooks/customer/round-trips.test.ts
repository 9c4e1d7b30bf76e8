import { describe, it } from "vitest";
import { receivedAt } from "../../fakes/customer-endpoint";
import { countedEnv } from "../../helpers/counted-env";
import { seedTenant } from "../../helpers/seed-tenant";
import { createdEvent, createThrough, testModeEndpoint } from "../../helpers/webhook-events";

describe("what a webhook event costs", () => {
  it("nothing past its own insert when no endpoint subscribes to it: no message, no round trip", async ({
    expect,
  }) => {
    const tenant = await seedTenant();
    // The organization has an endpoint, of the right mode, but not subscribed to invitation.created.
    await testModeEndpoint(tenant, "other-types", ["invitation.completed"]);
    const counted = countedEnv();
    try {
      const token = await createThrough(counted, tenant, "unheard@example.com");
      expect(counted.take()).toEqual({ d1: 1, d1Session: 0, doRequests: 1, queued: { DELIVERIES: 1 } });
      const event = await createdEvent(token);
      expect(event.fanout).toEqual({ type: "invitation.created", endpoints: [] });
      expect(event.dispatched_at).not.toBeNull();
      expect(await counted.drain("webhooks")).toBe(0);
      expect(counted.take()).toEqual({ d1: 0, d1Session: 0, doRequests: 0, queued: {} });
    } finally {
      counted.restore();
    }
  });

  it("one delivery message queued by its commit, then 2 D1 round trips and 2 SendGate requests to post it", async ({
    expect,
  }) => {
    const tenant = await seedTenant();
    const endpoint = await testModeEndpoint(tenant, "one-delivery");
    const counted = countedEnv();
    try {
      const token = await createThrough(counted, tenant, "heard@example.com");
      // The create's one batch found the subscriber: its delivery is queued at once, with no fan-out.
      expect(counted.take()).toEqual({
        d1: 1,
        d1Session: 0,
        doRequests: 1,
        queued: { DELIVERIES: 1, WEBHOOKS: 1 },
      });
      expect(counted.held.webhooks.bodies()).toEqual([
        expect.objectContaining({ kind: "deliver", endpointId: endpoint.id, dispatches: true }),
      ]);
      expect((await createdEvent(token)).dispatched_at).toBeNull();
      expect(await counted.drain("webhooks")).toBe(1);
      // The read (which marks the event dispatched) and the timeline's record; the gate's claim and finish.
      expect(counted.take()).toEqual({ d1: 2, d1Session: 0, doRequests: 2, queued: {} });
      expect(receivedAt(endpoint.path)).toHaveLength(1);
      expect((await createdEvent(token)).dispatched_at).not.toBeNull();
    } finally {
      counted.restore();
    }
  });

  it("2 D1 round trips for a queue batch of 10 deliveries, whatever their invitations", async ({
    expect,
  }) => {
    const tenant = await seedTenant();
    const endpoint = await testModeEndpoint(tenant, "ten-deliveries", ["invitation.created"]);
    const counted = countedEnv();
    try {
      for (let i = 0; i < 10; i += 1) await createThrough(counted, tenant, `batch-${i}@example.com`);
      counted.take();
      expect(await counted.drain("webhooks", 10)).toBe(10);
      expect(counted.take()).toEqual({ d1: 2, d1Session: 0, doRequests: 20, queued: {} });
      expect(receivedAt(endpoint.path)).toHaveLength(10);
    } finally {
      counted.restore();
    }
  });
});
