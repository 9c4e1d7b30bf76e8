import { env } from "cloudflare:workers";
import { describe, it } from "vitest";
import { createInvitation, type Tenant } from "../helpers/api";
import { deliveryRow } from "../helpers/delivery-state";
import { updatesInvitation, withFailingD1 } from "../helpers/failing-d1";
import { withoutItsMessage } from "../helpers/invitations";
import { runQueue } from "../helpers/queue";
import { seedTenant } from "../helpers/seed-tenant";

const message = (invitationToken: string) => ({ v: 1, invitationToken, attempt: 1 });

/** Test-mode invitations (the outbox sends them) with no queue message behind them. */
async function unsent(tenant: Tenant, count: number, name: string): Promise<string[]> {
  const tokens: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const invitation = await withoutItsMessage(() =>
      createInvitation(tenant.testKey, {
        workflowToken: tenant.workflowToken,
        channel: "email",
        recipient: `${name}-${i}@example.com`,
      }),
    );
    tokens.push(invitation.token);
  }
  return tokens;
}

/** Which of a batch's messages (in order) the consumer asked to retry. */
const retriedOf = (retries: { mock: { calls: unknown[] } }[]) =>
  retries.map((spy) => spy.mock.calls.length > 0);

describe("a queue batch of deliveries shares its round trips, and each message still fails alone", () => {
  it("an invitation whose row cannot be read is retried; the batch's others are sent", async ({ expect }) => {
    const tenant = await seedTenant();
    const tokens = await unsent(tenant, 3, "unreadable");
    const [, poison] = tokens;
    // The batch's one read fails on this row, so each is read alone.
    await env.DB.prepare("UPDATE invitations SET metadata = '{not json' WHERE token = ?").bind(poison).run();
    const { result, retries } = await runQueue(
      "deliveries",
      tokens.map((token) => ({ body: message(token) })),
    );
    expect(retriedOf(retries)).toEqual([false, true, false]);
    expect(result.explicitAcks).toHaveLength(2);
    const rows = await Promise.all(tokens.map(deliveryRow));
    expect(rows.map((row) => row?.status)).toEqual(["sent", "pending", "sent"]);
  });

  it("a send whose mirror keeps failing is retried, and its retry mirrors it from the gate; the others are acked", async ({
    expect,
  }) => {
    const tenant = await seedTenant();
    const tokens = await unsent(tenant, 3, "mirror");
    const [first, failing, last] = tokens;
    if (!first || !failing || !last) throw new Error("invitations");
    // The batch's mirror and that send's mirror alone both fail.
    const faulty = withFailingD1(env, { matches: updatesInvitation(failing), times: 2 });
    const { retries } = await runQueue(
      "deliveries",
      tokens.map((token) => ({ body: message(token) })),
      faulty.env,
    );
    expect(faulty.failures()).toBe(2);
    expect(retriedOf(retries)).toEqual([false, true, false]);
    expect((await deliveryRow(first))?.status).toBe("sent");
    expect((await deliveryRow(last))?.status).toBe("sent");
    expect((await deliveryRow(failing))?.status).toBe("pending");
    const gate = env.SEND_GATE.get(env.SEND_GATE.idFromName(failing));
    expect((await gate.state()).attempts).toBe(1);
    // The queue's retry: the gate says sent, so the consumer only mirrors it, with no second send.
    const retried = await runQueue("deliveries", [{ body: message(failing), attempts: 2 }]);
    expect(retried.result.explicitAcks).toHaveLength(1);
    expect(await deliveryRow(failing)).toMatchObject({ status: "sent", deliveryAttempts: 1 });
    const outbox = await env.DB.prepare(
      "SELECT count(*) AS n FROM outbox_messages WHERE invitation_token = ?",
    )
      .bind(failing)
      .first<{ n: number }>();
    // One message in the outbox: the one send, stored by the repair under the gate's id.
    expect(outbox?.n).toBe(1);
  });
});
