import { env } from "cloudflare:workers";
import { afterEach, describe, it, vi } from "vitest";
import { resendRequests } from "../fakes/resend-api";
import { createInvitation, createTenant } from "../helpers/api";
import { deliveryRow, timelineOf } from "../helpers/delivery-state";
import { updatesInvitation, withFailingD1 } from "../helpers/failing-d1";
import { travelTo, withoutItsMessage } from "../helpers/invitations";
import { runQueue } from "../helpers/queue";
import { sweepFor } from "../helpers/sweeps";
import { createVortexInvitation, createVortexTenant, vortex } from "../helpers/vortex";

const MINUTE = 60_000;
const message = (invitationToken: string, attempt = 1) => ({ v: 1, invitationToken, attempt });

afterEach(() => {
  vi.useRealTimers();
});

describe("a pending invitation that can never be sent", () => {
  it("is failed by the sweeper once revoked, after a write that fails once, and swept no more", async ({
    expect,
  }) => {
    const tenant = await createVortexTenant();
    const recipient = `revoked-${crypto.randomUUID()}@example.com`;
    const id = await withoutItsMessage(() =>
      createVortexInvitation(tenant.vortexLive, tenant.widgetId, { type: "email", value: recipient }),
    );
    expect((await vortex(tenant.vortexLive, "DELETE", `/invitations/${id}`)).status).toBe(200);
    const start = Date.now() + 6 * MINUTE;
    // The write of the final state fails once: the invitation stays pending, for the next run.
    const faulty = withFailingD1(env, updatesInvitation(id));
    const first = await sweepFor(id, new Date(start), {
      env: faulty.env,
      reached: () => faulty.failures() > 0,
    });
    expect(faulty.failures()).toBe(1);
    expect(await deliveryRow(id)).toMatchObject({ status: "pending" });
    const isFailed = async () => (await deliveryRow(id))?.status === "failed";
    const second = await sweepFor(id, new Date(start + MINUTE), { reached: isFailed });
    const failed = await deliveryRow(id);
    expect(failed).toMatchObject({ status: "failed", deliveryAttempts: 0, sentAt: null, deactivated: 1 });
    expect(failed?.errorMessage).toBe("Not sent: the invitation was revoked before it could be sent.");
    const later = [];
    for (const minutes of [10, 20, 60])
      later.push(...(await sweepFor(id, new Date(start + minutes * MINUTE))));
    // Never enqueued: given up, not sent.
    expect([...first, ...second, ...later]).toEqual([]);
    expect(resendRequests.filter((r) => r.body.to.includes(recipient))).toEqual([]);
    const failures = (await timelineOf(id)).filter((event) => event.type === "send.failed");
    expect(failures).toHaveLength(1);
    expect(failures[0]?.webhookType).toBe("invitation.failed");
    expect(JSON.parse(failures[0]?.data ?? "{}")).toMatchObject({ attempt: 1, permanent: true });
  });

  it("is failed by the consumer once expired, retrying the message when that write fails once", async ({
    expect,
  }) => {
    const tenant = await createTenant();
    const invitation = await withoutItsMessage(() =>
      createInvitation(tenant.testKey, {
        workflowToken: tenant.workflowToken,
        channel: "email",
        recipient: "expired-pending@example.com",
      }),
    );
    travelTo(Date.now() + 31 * 24 * 60 * MINUTE);
    const faulty = withFailingD1(env, updatesInvitation(invitation.token));
    const first = await runQueue("deliveries", [{ body: message(invitation.token) }], faulty.env);
    expect(faulty.failures()).toBe(1);
    expect(first.result.retryMessages).toHaveLength(1);
    expect(await deliveryRow(invitation.token)).toMatchObject({ status: "pending" });
    const second = await runQueue("deliveries", [{ body: message(invitation.token), attempts: 2 }]);
    expect(second.result.explicitAcks).toHaveLength(1);
    expect(await deliveryRow(invitation.token)).toMatchObject({
      status: "failed",
      errorMessage: "Not sent: the invitation expired before it could be sent.",
      deliveryAttempts: 0,
    });
    const outbox = await env.DB.prepare(
      "SELECT count(*) AS n FROM outbox_messages WHERE invitation_token = ?",
    )
      .bind(invitation.token)
      .first<{ n: number }>();
    expect(outbox?.n).toBe(0);
    // A copy that arrives later changes nothing: the invitation is past pending.
    const third = await runQueue("deliveries", [{ body: message(invitation.token), attempts: 3 }]);
    expect(third.result.explicitAcks).toHaveLength(1);
    expect((await timelineOf(invitation.token)).filter((e) => e.type === "send.failed")).toHaveLength(1);
  });
});
