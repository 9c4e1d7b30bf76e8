import { env } from "cloudflare:workers";
import { describe, it, vi } from "vitest";
import { customerState, received } from "../../fakes/customer-endpoint";
import { call, createInvitation, createTenant } from "../../helpers/api";
import { timelineOf } from "../../helpers/delivery-state";
import { withFailingD1 } from "../../helpers/failing-d1";
import { runQueue } from "../../helpers/queue";
import { captureMessages } from "../../reliability/queue-capture";

describe("a customer webhook whose success cannot be written", () => {
  it("is not posted again when the timeline write after its 2xx fails once", async ({ expect }) => {
    const tenant = await createTenant();
    const path = "/flaky";
    await call("POST", "/v1/autodoc/webhook_endpoints", {
      token: tenant.testKey,
      body: { url: `https://customer.example${path}`, events: ["invitation.created"] },
    });
    // The real queue's own attempt fails at the endpoint and comes back only after 5 s.
    customerState.flakyFailures = 1;
    const webhooks = captureMessages(env.WEBHOOKS);
    try {
      const invitation = await createInvitation(tenant.testKey, {
        workflowToken: tenant.workflowToken,
        channel: "email",
        recipient: "webhook-write-fault@example.com",
      });
      const posted = () => received.filter((r) => r.path === path && r.body.includes(invitation.token));
      await vi.waitUntil(() => posted().length === 1, { timeout: 5000 });
      const deliver = webhooks.bodies().find((body) => JSON.stringify(body).includes('"kind":"deliver"'));
      expect(deliver).toBeDefined();
      const recordsDelivered = ({ sql, params }: { sql: string; params: unknown[] }) =>
        sql.startsWith('insert into "invitation_events"') &&
        params.some((p) => typeof p === "string" && p.startsWith("webhook:") && p.endsWith(":delivered"));
      const faulty = withFailingD1(env, recordsDelivered);
      const first = await runQueue("webhooks", [{ body: deliver, attempts: 2 }], faulty.env);
      expect(faulty.failures()).toBe(1);
      expect(first.result.retryMessages).toHaveLength(1);
      expect(posted()).toHaveLength(2);
      const second = await runQueue("webhooks", [{ body: deliver, attempts: 3 }]);
      expect(second.result.explicitAcks).toHaveLength(1);
      expect(posted()).toHaveLength(2);
      const delivered = (await timelineOf(invitation.token)).filter((e) => e.type === "webhook.delivered");
      expect(delivered).toHaveLength(1);
    } finally {
      webhooks.restore();
      customerState.flakyFailures = 0;
    }
  });
});
