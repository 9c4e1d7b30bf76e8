import { env } from "cloudflare:workers";
import { describe, it } from "vitest";
import { call, createTenant, type Tenant } from "../../helpers/api";
import { postResendEvent, postTwilioCallback, resendEvent, sentLive } from "../../helpers/provider-callbacks";
import { runQueue } from "../../helpers/queue";

const statusOf = async (tenant: Tenant, token: string) =>
  (await call("GET", `/v1/autodoc/invitations/${token}`, { token: tenant.liveKey })).body;
const timelineTypes = async (tenant: Tenant, token: string) =>
  (
    (await call("GET", `/v1/autodoc/invitations/${token}/events`, { token: tenant.liveKey })).body.data as {
      type: string;
    }[]
  ).map((e) => e.type);

describe("Resend events (Svix-signed)", () => {
  it("moves the invitation to delivered, then opened; a late or repeated event changes nothing", async ({
    expect,
  }) => {
    const tenant = await createTenant();
    const { invitation, messageId } = await sentLive(tenant);
    const delivered = await postResendEvent(resendEvent("email.delivered", messageId), {
      id: "msg_delivered_1",
    });
    expect(delivered.status).toBe(200);
    expect((await statusOf(tenant, invitation.token)).status).toBe("delivered");
    expect((await postResendEvent(resendEvent("email.opened", messageId))).status).toBe(200);
    expect((await statusOf(tenant, invitation.token)).status).toBe("opened");
    // The same delivered event again (same svix-id), and a late one: no step back, no new timeline entry.
    await postResendEvent(resendEvent("email.delivered", messageId), { id: "msg_delivered_1" });
    await postResendEvent(resendEvent("email.delivered", messageId));
    expect((await statusOf(tenant, invitation.token)).status).toBe("opened");
    const types = await timelineTypes(tenant, invitation.token);
    expect(types.filter((t) => t === "provider.delivered")).toHaveLength(2);
    expect(types).toContain("provider.opened");
  });

  it("fails a bounced e-mail with Resend's reason and records complaints", async ({ expect }) => {
    const tenant = await createTenant();
    const { invitation, messageId } = await sentLive(tenant);
    const bounce = {
      bounce: { message: "The recipient's mailbox does not exist.", type: "Permanent", subType: "General" },
    };
    expect((await postResendEvent(resendEvent("email.bounced", messageId, bounce))).status).toBe(200);
    const failed = await statusOf(tenant, invitation.token);
    expect(failed.status).toBe("failed");
    expect(String(failed.errorMessage)).toContain("mailbox does not exist");
    await postResendEvent(resendEvent("email.complained", messageId));
    expect(await timelineTypes(tenant, invitation.token)).toContain("provider.complained");
  });

  it("refuses unsigned, forged and stale events, and changes nothing", async ({ expect }) => {
    const tenant = await createTenant();
    const { invitation, messageId } = await sentLive(tenant);
    const event = resendEvent("email.delivered", messageId);
    const attempts = [
      await postResendEvent(event, { signature: "" }),
      await postResendEvent(event, { signature: "v1,Zm9yZ2VkIHNpZ25hdHVyZSBmb3JnZWQgc2lnbmF0dXJl" }),
      await postResendEvent(event, { secret: "whsec_c29tZW9uZS1lbHNlcy1zZWNyZXQtMzItYnl0ZXMh" }),
      await postResendEvent(event, { at: new Date(Date.now() - 6 * 60 * 1000) }),
    ];
    for (const res of attempts) {
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ error: { code: "unauthorized" } });
    }
    expect((await statusOf(tenant, invitation.token)).status).toBe("sent");
  });
});

describe("Twilio status callbacks (X-Twilio-Signature)", () => {
  it("moves an SMS to delivered, fails an undelivered one with its error code, refuses forgeries", async ({
    expect,
  }) => {
    const tenant = await createTenant();
    const { invitation, messageId } = await sentLive(tenant, "sms");
    const base = {
      AccountSid: env.TWILIO_ACCOUNT_SID,
      MessageSid: messageId,
      SmsSid: messageId,
      To: "+15551230000",
    };
    const forged = await postTwilioCallback(
      { ...base, MessageStatus: "delivered" },
      { signature: "bm90IGEgc2lnbmF0dXJl" },
    );
    expect(forged.status).toBe(401);
    expect((await statusOf(tenant, invitation.token)).status).toBe("sent");
    expect((await postTwilioCallback({ ...base, MessageStatus: "delivered" })).status).toBe(204);
    expect((await statusOf(tenant, invitation.token)).status).toBe("delivered");

    const other = await sentLive(tenant, "sms");
    const undelivered = {
      ...base,
      MessageSid: other.messageId,
      SmsSid: other.messageId,
      MessageStatus: "undelivered",
      ErrorCode: "30006",
    };
    expect((await postTwilioCallback(undelivered)).status).toBe(204);
    const failed = await statusOf(tenant, other.invitation.token);
    expect(failed.status).toBe("failed");
    expect(String(failed.errorMessage)).toContain("30006");
  });
});

describe("Cloudflare Email Service events (queue subscription)", () => {
  it("applies delivered and bounced events in Cloudflare's published shape", async ({ expect }) => {
    const tenant = await createTenant();
    const { invitation } = await sentLive(tenant);
    // This invitation was sent through Cloudflare Email Service, with this message id.
    await env.DB.prepare(
      "update sends set provider = 'cloudflare-email', provider_message_id = ? where invitation_token = ?",
    )
      .bind("0101018f7d0c4d9a-msg-deadbeef", invitation.token)
      .run();
    const event = (type: string, payload: Record<string, unknown>) => ({
      type: `cf.email.sending.message.${type}`,
      source: { type: "email.sending", zoneId: "023e105f4ecef8ad9ca31a8372d0c353", domain: "auto-doc.ai" },
      payload: {
        eventId: crypto.randomUUID(),
        messageId: "0101018f7d0c4d9a-msg-deadbeef",
        terminal: true,
        ...payload,
      },
      metadata: {
        accountId: "f9f7",
        eventSubscriptionId: "1830",
        eventSchemaVersion: 1,
        eventTimestamp: new Date().toISOString(),
      },
    });
    const { result } = await runQueue("email-events", [
      { body: event("delivered", { delivery: { status: "delivered", smtpResponse: "250 2.0.0 OK" } }) },
    ]);
    expect(result.explicitAcks).toHaveLength(1);
    expect((await statusOf(tenant, invitation.token)).status).toBe("delivered");
    await runQueue("email-events", [
      {
        body: event("bounced", {
          bounce: { type: "hard", classification: "permanent_failure", reason: "550 5.1.1 User unknown" },
        }),
      },
    ]);
    const bounced = await statusOf(tenant, invitation.token);
    expect(bounced.status).toBe("failed");
    expect(String(bounced.errorMessage)).toContain("550 5.1.1 User unknown");
  });
});
