import { env } from "cloudflare:workers";
import { afterEach, beforeEach, describe, it, vi } from "vitest";
import { sendGate } from "../../../src/durable-objects/send-gate";
import { holdDeliveries } from "../../helpers/held-deliveries";
import { travelTo } from "../../helpers/invitations";
import { createVortexInvitation, createVortexTenant, vortex } from "../../helpers/vortex";
import { expectStrictInvitation } from "../../helpers/vortex-shape";

// Each send goes to the Worker's consumer when the test says so, not through the background queue.
let deliveries: ReturnType<typeof holdDeliveries>;

beforeEach(() => {
  deliveries = holdDeliveries();
});

afterEach(async () => {
  vi.useRealTimers();
  await deliveries.restore();
});

/** Delivers the invitation's queued send and answers it as a Vortex client then sees it. */
async function deliver(key: string, id: string) {
  await deliveries.deliver(id);
  return (await vortex(key, "GET", `/invitations/${id}`)).body;
}

describe("Vortex reinvite", () => {
  it("re-sends through the SendGate: 429 within 3 minutes, then queued, sent, deliveryCount 2", async ({
    expect,
  }) => {
    const t = await createVortexTenant();
    travelTo(Date.now());
    const id = await createVortexInvitation(t.vortexTest, t.widgetId, {
      type: "email",
      value: "ann@example.com",
    });
    expect((await deliver(t.vortexTest, id)).status).toBe("sent");
    const sentAt = Number((await sendGate(env, id).state()).lastSentAt);

    travelTo(sentAt + 179_000);
    // Exactly what the Node SDK sends: a JSON content type and no body at all.
    const early = await vortex(t.vortexTest, "POST", `/invitations/${id}/reinvite`);
    expect(early).toEqual({
      status: 429,
      body: { error: "Sends of one invitation must be 3 minutes apart; retry in 1 seconds." },
    });

    travelTo(sentAt + 180_000);
    const again = await vortex(t.vortexTest, "POST", `/invitations/${id}/reinvite`);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id, status: "queued", deliveryCount: 1 });
    expectStrictInvitation(expect, again.body);
    const sent = await deliver(t.vortexTest, id);
    expect(sent).toMatchObject({ status: "sent", deliveryCount: 2 });
    expect((await sendGate(env, id).state()).attempts).toBe(2);
    const outbox = await env.DB.prepare(
      "SELECT count(*) AS n FROM outbox_messages WHERE invitation_token = ?",
    )
      .bind(id)
      .first<{ n: number }>();
    expect(outbox?.n).toBe(2);
  });

  it("refuses what we do not send, revoked, accepted and unknown invitations", async ({ expect }) => {
    const t = await createVortexTenant();
    const phone = await createVortexInvitation(t.vortexTest, t.widgetId, {
      type: "phone",
      value: "+15551234567",
    });
    const reinvite = (id: string, key = t.vortexTest) => vortex(key, "POST", `/invitations/${id}/reinvite`);
    expect(await reinvite(phone)).toEqual({
      status: 409,
      body: {
        error: "Only e-mail invitations are sent by us; send this invitation's short link again yourself.",
      },
    });
    const email = await createVortexInvitation(t.vortexTest, t.widgetId, {
      type: "email",
      value: "bo@example.com",
    });
    expect((await deliver(t.vortexTest, email)).status).toBe("sent");
    expect((await reinvite(email, t.vortexLive)).status).toBe(404);
    expect((await reinvite("no-such-id")).status).toBe(404);
    await vortex(t.vortexTest, "POST", "/invitations/accept", {
      invitationIds: [email],
      user: { email: "bo@example.com" },
    });
    expect(await reinvite(email)).toEqual({
      status: 409,
      body: { error: "This invitation has already been accepted." },
    });
    const revoked = await createVortexInvitation(t.vortexTest, t.widgetId, {
      type: "email",
      value: "cy@example.com",
    });
    expect((await deliver(t.vortexTest, revoked)).status).toBe("sent");
    await vortex(t.vortexTest, "DELETE", `/invitations/${revoked}`);
    expect((await reinvite(revoked)).status).toBe(410);
    expect((await sendGate(env, revoked).state()).attempts).toBe(1);
    // None of the refusals queued a send.
    for (const id of [phone, email, revoked]) expect(deliveries.sent(id), id).toEqual([]);
  });
});
