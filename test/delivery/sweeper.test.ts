import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, it, vi } from "vitest";
import worker from "../../src/index";
import { sweepStuckDeliveries } from "../../src/scheduled/sweeper";
import { call, createInvitation, createTenant } from "../helpers/api";
import { waitForStatus } from "../helpers/queue";

describe("sweeper (Cron Trigger)", () => {
  it("re-enqueues an invitation whose enqueue was lost, and it gets sent", async ({ expect }) => {
    const tenant = await createTenant();
    // The queue refuses the create request's message: the invitation is stored with no message behind it.
    vi.spyOn(env.DELIVERIES, "send").mockRejectedValueOnce(new Error("Queue send failed: 503"));
    const invitation = await createInvitation(tenant.testKey, {
      workflowToken: tenant.workflowToken,
      channel: "email",
      recipient: "lost@example.com",
    });
    vi.restoreAllMocks();
    expect(await sweepStuckDeliveries(env, new Date())).toBe(0);
    const later = new Date(Date.now() + 6 * 60 * 1000);
    const requeued = await sweepStuckDeliveries(env, later);
    expect(requeued).toBeGreaterThanOrEqual(1);
    const sent = await waitForStatus(tenant.testKey, invitation.token, ["sent"]);
    expect(sent.deliveryAttempts).toBe(1);
    // Re-enqueued ones are due again from now on, so the next sweep leaves them alone.
    const again = await sweepStuckDeliveries(env, new Date(later.getTime() + 60 * 1000));
    expect(again).toBe(0);
  });

  it("runs from the scheduled handler", async ({ expect }) => {
    const tenant = await createTenant();
    const invitation = await createInvitation(tenant.testKey, {
      workflowToken: tenant.workflowToken,
      channel: "email",
      recipient: "cron@example.com",
    });
    await waitForStatus(tenant.testKey, invitation.token, ["sent"]);
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ cron: "* * * * *" }), env, ctx);
    await waitOnExecutionContext(ctx);
    const after = await call("GET", `/v1/autodoc/invitations/${invitation.token}`, { token: tenant.testKey });
    expect(after.body).toMatchObject({ status: "sent", deliveryAttempts: 1 });
  });
});
