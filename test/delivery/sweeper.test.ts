import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, describe, it, vi } from "vitest";
import worker from "../../src/index";
import { OVERDUE_AFTER_MS } from "../../src/scheduled/sweeper";
import { createInvitation, createTenant } from "../helpers/api";
import { deliveryRow } from "../helpers/delivery-state";
import { holdQueue } from "../helpers/held-queue";
import { sentInvitation, travelTo, withoutItsMessage } from "../helpers/invitations";
import { runQueue } from "../helpers/queue";
import { sweepFor } from "../helpers/sweeps";

const MINUTE = 60_000;

afterEach(() => {
  vi.useRealTimers();
});

/** An invitation stored while the queue refused its message: nothing but the sweeper will send it. */
async function lostInvitation(recipient: string) {
  const tenant = await createTenant();
  return withoutItsMessage(() =>
    createInvitation(tenant.testKey, { workflowToken: tenant.workflowToken, channel: "email", recipient }),
  );
}

describe("sweeper (Cron Trigger)", () => {
  it("re-enqueues an invitation whose enqueue was lost, and it gets sent", async ({ expect }) => {
    const invitation = await lostInvitation("lost@example.com");
    const createdAt = Date.now();
    // Not overdue yet: left alone.
    expect(await sweepFor(invitation.token, new Date(createdAt))).toEqual([]);
    expect(await sweepFor(invitation.token, new Date(createdAt + OVERDUE_AFTER_MS - MINUTE))).toEqual([]);
    const later = new Date(createdAt + OVERDUE_AFTER_MS + MINUTE);
    const requeued = await sweepFor(invitation.token, later);
    expect(requeued).toEqual([{ v: 1, invitationToken: invitation.token, attempt: 1 }]);
    expect(await deliveryRow(invitation.token)).toMatchObject({
      status: "pending",
      deliveryDueAt: later.getTime(),
    });
    // The queue hands the message to the consumer, which sends it.
    const { result } = await runQueue("deliveries", [{ body: requeued[0] }]);
    expect(result.explicitAcks).toHaveLength(1);
    expect(await deliveryRow(invitation.token)).toMatchObject({ status: "sent", deliveryAttempts: 1 });
    // Re-enqueued ones are due again from then on, and a sent one is never swept.
    expect(await sweepFor(invitation.token, new Date(later.getTime() + MINUTE))).toEqual([]);
    expect(await sweepFor(invitation.token, new Date(later.getTime() + 60 * MINUTE))).toEqual([]);
  });

  it("runs from the scheduled handler: the lost invitation is re-enqueued, the sent one left alone", async ({
    expect,
  }) => {
    const tenant = await createTenant();
    const sent = await sentInvitation(tenant.testKey, tenant);
    const lost = await lostInvitation("cron@example.com");
    travelTo(Date.now() + OVERDUE_AFTER_MS + MINUTE);
    // Both queues held: the handler's sends (of every overdue invitation and event) go nowhere but here.
    const deliveries = holdQueue(env.DELIVERIES);
    const webhooks = holdQueue(env.WEBHOOKS);
    const tokens = () =>
      deliveries.bodies().map((body) => (body as { invitationToken: string }).invitationToken);
    try {
      // A run takes at most 500 overdue invitations, and other files' may be overdue too: each run re-enqueues
      // others (due again now), so within a few runs at this time the handler reaches this one.
      for (let run = 0; run < 10 && !tokens().includes(lost.token); run += 1) {
        const ctx = createExecutionContext();
        await worker.scheduled(createScheduledController({ cron: "* * * * *" }), env, ctx);
        await waitOnExecutionContext(ctx);
      }
      expect(tokens()).toContain(lost.token);
      expect(tokens().filter((token) => token === lost.token)).toHaveLength(1);
      expect(tokens()).not.toContain(sent.token);
    } finally {
      deliveries.restore();
      webhooks.restore();
    }
    expect(await deliveryRow(sent.token)).toMatchObject({ status: "sent", deliveryAttempts: 1 });
    expect(await deliveryRow(lost.token)).toMatchObject({ status: "pending", deliveryDueAt: Date.now() });
  });
});
