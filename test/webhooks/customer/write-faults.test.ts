import { env } from "cloudflare:workers";
import { describe, it } from "vitest";
import { failNextPosts, receivedAt, uniquePath } from "../../fakes/customer-endpoint";
import { call, createInvitation, createTenant } from "../../helpers/api";
import { timelineOf } from "../../helpers/delivery-state";
import { withFailingD1 } from "../../helpers/failing-d1";
import { deliverWebhooksOf, holdWebhooksInEachTest } from "../../helpers/held-webhooks";
import { runQueue } from "../../helpers/queue";

const webhooks = holdWebhooksInEachTest();

describe("a customer webhook whose success cannot be written", () => {
  it("is not posted again when the timeline write after its 2xx fails once", async ({ expect }) => {
    const tenant = await createTenant();
    const path = uniquePath("write-fault");
    await call("POST", "/v1/autodoc/webhook_endpoints", {
      token: tenant.testKey,
      body: { url: `https://customer.example${path}`, events: ["invitation.created"] },
    });
    // The first attempt fails at the endpoint, so the delivery message comes back for a second one.
    failNextPosts(path, 1);
    const invitation = await createInvitation(tenant.testKey, {
      workflowToken: tenant.workflowToken,
      channel: "email",
      recipient: "webhook-write-fault@example.com",
    });
    const posted = () => receivedAt(path).filter((r) => r.body.includes(invitation.token));
    const [retried] = await deliverWebhooksOf(webhooks.queue, tenant.organizationId);
    expect(posted()).toHaveLength(1);
    const deliver = retried?.body;
    expect(deliver).toMatchObject({ kind: "deliver", invitationToken: invitation.token });
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
  });
});
