import { env } from "cloudflare:workers";
import { describe, it } from "vitest";
import { LEASE_TIMEOUT_MS } from "../../src/core/send-policy";
import { sendGate } from "../../src/durable-objects/send-gate";
import { twilioRequests } from "../fakes/twilio-api";
import { call, createInvitation, createTenant } from "../helpers/api";
import { withoutItsMessage } from "../helpers/invitations";
import { runQueue, waitForStatus, withDeliveryHandedOver } from "../helpers/queue";

/** A number no other test (of this runtime's files) sends to, so that Twilio's fake sees only this test's. */
const toNumber = (n: number) => `+1555${String(2000000 + n * 100_000 + Math.floor(Math.random() * 99_999))}`;
const requestsTo = (to: string) => twilioRequests.filter((r) => r.form.To === to);

describe("live SMS through Twilio, which has no idempotency key", () => {
  it("sends once when the queue delivers the same message again, concurrently and later", async ({
    expect,
  }) => {
    const tenant = await createTenant();
    const to = toNumber(1);
    const invitation = await createInvitation(tenant.liveKey, {
      workflowToken: tenant.workflowToken,
      channel: "sms",
      recipient: to,
    });
    const body = { v: 1, invitationToken: invitation.token, attempt: 1 };
    await runQueue("deliveries", [{ body }, { body, attempts: 2 }]);
    await waitForStatus(tenant.liveKey, invitation.token, ["sent"]);
    await runQueue("deliveries", [{ body, attempts: 3 }]);
    expect(requestsTo(to)).toHaveLength(1);
    const [request] = requestsTo(to);
    expect(request?.authorization).toBe(
      `Basic ${btoa(`${env.TWILIO_ACCOUNT_SID}:${env.TWILIO_AUTH_TOKEN}`)}`,
    );
    expect(request?.form).toMatchObject({
      From: "+15005550006",
      To: to,
      StatusCallback: "https://api.auto-doc.test/webhooks/twilio",
    });
    expect(request?.form.Body).toContain(invitation.url);
  });

  it("does not call the provider again when it already accepted the attempt before a crash", async ({
    expect,
  }) => {
    const tenant = await createTenant();
    const to = toNumber(2);
    // The queue loses the create request's message, so nothing but this test delivers it.
    const invitation = await withoutItsMessage(() =>
      createInvitation(tenant.liveKey, {
        workflowToken: tenant.workflowToken,
        channel: "sms",
        recipient: to,
      }),
    );
    // A consumer began the send at the gate and called Twilio, which accepted (SM…); its answer reached D1
    // only (the gate could not take it, or the code before the gate kept it wrote it there), then the
    // consumer died: its lease lapsed long ago.
    const begunAt = Date.now() - LEASE_TIMEOUT_MS - 1000;
    const begun = await sendGate(env, invitation.token).beginSend(1, "crashed-consumer", begunAt);
    expect(begun).toMatchObject({ ok: true, resumed: false });
    await env.DB.prepare(
      "insert into sends (invitation_token, attempt, provider, state, provider_message_id, started_at, finished_at) values (?, 1, 'twilio', 'accepted', 'SMalreadyaccepted', ?, ?)",
    )
      .bind(invitation.token, begunAt, begunAt)
      .run();
    const { result } = await runQueue("deliveries", [
      { body: { v: 1, invitationToken: invitation.token, attempt: 1 }, attempts: 2 },
    ]);
    expect(result.explicitAcks).toHaveLength(1);
    expect(requestsTo(to)).toHaveLength(0);
    const sent = await call("GET", `/v1/autodoc/invitations/${invitation.token}`, { token: tenant.liveKey });
    expect(sent.body).toMatchObject({ status: "sent", deliveryAttempts: 1 });
    expect((await sendGate(env, invitation.token).state()).lastAnswer).toMatchObject({
      provider: "twilio",
      providerMessageId: "SMalreadyaccepted",
    });
  });

  it("fails at once on a permanent Twilio error, with Twilio's code and message", async ({ expect }) => {
    const tenant = await createTenant();
    const invitation = await withDeliveryHandedOver(() =>
      createInvitation(tenant.liveKey, {
        workflowToken: tenant.workflowToken,
        channel: "sms",
        recipient: "+15005550001",
      }),
    );
    const failed = await waitForStatus(tenant.liveKey, invitation.token, ["failed"]);
    expect(String(failed.errorMessage)).toContain("21211");
    expect(failed.deliveryAttempts).toBe(0);
  });
});
