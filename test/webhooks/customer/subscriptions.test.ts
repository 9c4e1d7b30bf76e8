import { env } from "cloudflare:workers";
import { describe, it } from "vitest";
import { redispatchWebhooks } from "../../../src/scheduled/redispatch";
import { receivedAt } from "../../fakes/customer-endpoint";
import { call } from "../../helpers/api";
import { countedEnv } from "../../helpers/counted-env";
import { runQueue } from "../../helpers/queue";
import { seedTenant } from "../../helpers/seed-tenant";
import { createdEvent, createThrough, testModeEndpoint } from "../../helpers/webhook-events";

const tokensPosted = (path: string) =>
  receivedAt(path).map((r) => (JSON.parse(r.body) as { data: { token: string } }).data.token);

describe("who hears of an event: the endpoints subscribed when its commit recorded it", () => {
  it("an endpoint created after the event's commit does not get it; one deleted before its delivery neither", async ({
    expect,
  }) => {
    const tenant = await seedTenant();
    const kept = await testModeEndpoint(tenant, "kept", ["invitation.created"]);
    const deleted = await testModeEndpoint(tenant, "deleted", ["invitation.created"]);
    const counted = countedEnv();
    try {
      const token = await createThrough(counted, tenant, "subscribers@example.com");
      const late = await testModeEndpoint(tenant, "late", ["invitation.created"]);
      const removed = await call("DELETE", `/v1/autodoc/webhook_endpoints/${deleted.id}`, {
        token: tenant.testKey,
      });
      expect(removed.status).toBe(200);
      // The commit queued one delivery per endpoint subscribed as it ran: the kept and the deleted one.
      const queued = counted.held.webhooks
        .bodies()
        .map((body) => (body as { endpointId: string }).endpointId);
      expect(queued.sort()).toEqual([kept.id, deleted.id].sort());
      expect(await counted.drain("webhooks")).toBe(2);
      expect(tokensPosted(kept.path)).toEqual([token]);
      expect(receivedAt(deleted.path)).toHaveLength(0);
      expect(receivedAt(late.path)).toHaveLength(0);
      // The late endpoint hears of the organization's events from its creation on.
      const next = await createThrough(counted, tenant, "after-late@example.com");
      await counted.drain("webhooks");
      expect(tokensPosted(late.path)).toEqual([next]);
    } finally {
      counted.restore();
    }
  });

  it("the minute repair sends a lost dispatch again, to its subscribers as of the commit, and never picks an event that had none", async ({
    expect,
  }) => {
    const tenant = await seedTenant();
    const quiet = await seedTenant();
    const kept = await testModeEndpoint(tenant, "repaired", ["invitation.created"]);
    const counted = countedEnv();
    try {
      // The queue refuses the create's sendBatch of deliveries: the event stays undispatched.
      counted.held.webhooks.refuseNext(1);
      const lost = await createThrough(counted, tenant, "lost-dispatch@example.com");
      const unheard = await createThrough(counted, quiet, "no-subscriber@example.com");
      expect(counted.held.webhooks.bodies()).toEqual([]);
      const late = await testModeEndpoint(tenant, "late-for-repair", ["invitation.created"]);
      const lostId = (await createdEvent(lost)).id;
      const unheardId = (await createdEvent(unheard)).id;
      // The repair is global: other files' lost events are among its fan-outs; only ours are handed over.
      await redispatchWebhooks(counted.env, new Date(Date.now() + 61_000));
      const fanouts = counted.held.webhooks
        .take()
        .filter((body) => [lostId, unheardId].includes((body as { eventId: number }).eventId));
      expect(fanouts).toEqual([{ v: 1, kind: "fanout", eventId: lostId }]);
      await runQueue(
        "webhooks",
        fanouts.map((body) => ({ body })),
        counted.env,
      );
      expect(counted.held.webhooks.bodies().slice(-1)).toEqual([
        expect.objectContaining({ kind: "deliver", eventId: lostId, endpointId: kept.id }),
      ]);
      await counted.drain("webhooks");
      expect(tokensPosted(kept.path)).toEqual([lost]);
      expect(receivedAt(late.path)).toHaveLength(0);
      const dispatched = await env.DB.prepare(
        "SELECT count(*) AS n FROM invitation_events WHERE id IN (?, ?) AND dispatched_at IS NOT NULL",
      )
        .bind(lostId, unheardId)
        .first<{ n: number }>();
      expect(dispatched?.n).toBe(2);
    } finally {
      counted.restore();
    }
  });
});
