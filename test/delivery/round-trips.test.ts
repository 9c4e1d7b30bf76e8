import { env } from "cloudflare:workers";
import { describe, it } from "vitest";
import { createInvitation, createTenant } from "../helpers/api";
import { countedEnv } from "../helpers/counted-env";
import { deliveryRow } from "../helpers/delivery-state";
import { withoutItsMessage } from "../helpers/invitations";
import { providerMessageId } from "../helpers/provider-callbacks";
import { runQueue } from "../helpers/queue";

const message = (invitationToken: string) => ({ v: 1, invitationToken, attempt: 1 });

/** An invitation with no queue message behind it: only the test hands its send to the consumer. */
async function unsentInvitation(
  key: string,
  workflowToken: string,
  channel: "email" | "sms",
  recipient: string,
) {
  return withoutItsMessage(() => createInvitation(key, { workflowToken, channel, recipient }));
}

describe("the deliveries consumer's cost per accepted send", () => {
  for (const mode of ["test", "live"] as const) {
    it(`is 2 D1 round trips and 2 SendGate requests in ${mode} mode (${mode === "test" ? "outbox" : "Resend"})`, async ({
      expect,
    }) => {
      const tenant = await createTenant();
      const key = mode === "test" ? tenant.testKey : tenant.liveKey;
      const invitation = await unsentInvitation(
        key,
        tenant.workflowToken,
        "email",
        `cost-${mode}@example.com`,
      );
      const counted = countedEnv();
      try {
        const { result } = await runQueue("deliveries", [{ body: message(invitation.token) }], counted.env);
        expect(result.explicitAcks).toHaveLength(1);
        // The load, then the one batch that mirrors the send (its `sends` row and outbox message included).
        expect(counted.take()).toEqual({ d1: 2, d1Session: 0, doRequests: 2, queued: {} });
      } finally {
        counted.restore();
      }
      expect(await deliveryRow(invitation.token)).toMatchObject({ status: "sent", deliveryAttempts: 1 });
      expect(await providerMessageId(invitation.token)).toMatch(mode === "test" ? /^msg_/ : /.+/);
      if (mode === "test") {
        const outbox = await env.DB.prepare("SELECT id FROM outbox_messages WHERE invitation_token = ?")
          .bind(invitation.token)
          .all<{ id: string }>();
        expect(outbox.results.map((row) => row.id)).toEqual([await providerMessageId(invitation.token)]);
      }
    });
  }

  it("is 2 D1 round trips for a queue batch of 10 accepted sends: one read, one mirror", async ({
    expect,
  }) => {
    const tenant = await createTenant();
    const tokens: string[] = [];
    for (let i = 0; i < 10; i += 1) {
      const invitation = await unsentInvitation(
        tenant.testKey,
        tenant.workflowToken,
        "email",
        `batch-${i}@example.com`,
      );
      tokens.push(invitation.token);
    }
    const counted = countedEnv();
    try {
      const { result } = await runQueue(
        "deliveries",
        tokens.map((token) => ({ body: message(token) })),
        counted.env,
      );
      expect(result.explicitAcks).toHaveLength(10);
      expect(counted.take()).toEqual({ d1: 2, d1Session: 0, doRequests: 20, queued: {} });
    } finally {
      counted.restore();
    }
    const rows = await Promise.all(tokens.map(deliveryRow));
    expect(rows.every((row) => row?.status === "sent" && row.deliveryAttempts === 1)).toBe(true);
  });

  it("reads one row more, and calls no provider, when it resumes an attempt begun before", async ({
    expect,
  }) => {
    const tenant = await createTenant();
    const invitation = await unsentInvitation(tenant.liveKey, tenant.workflowToken, "sms", "+15552000777");
    const gate = env.SEND_GATE.get(env.SEND_GATE.idFromName(invitation.token));
    expect((await gate.beginSend(1, "failed-before", Date.now())).ok).toBe(true);
    await gate.releaseLease(1, "failed-before", Date.now());
    const counted = countedEnv();
    try {
      await runQueue("deliveries", [{ body: message(invitation.token), attempts: 2 }], counted.env);
      // The load, the look for an earlier answer (none: the earlier call failed), the mirror.
      expect(counted.take()).toMatchObject({ d1: 3, doRequests: 2 });
    } finally {
      counted.restore();
    }
    expect(await deliveryRow(invitation.token)).toMatchObject({ status: "sent", deliveryAttempts: 1 });
  });
});
