import { env, exports } from "cloudflare:workers";
import { Webhook } from "standardwebhooks";
import { describe, it } from "vitest";
import { API, call, createTenant, type Tenant } from "../../helpers/api";
import {
  postResendEvent,
  postTwilioCallback,
  resendEvent,
  sentLive,
  twilioForm,
} from "../../helpers/provider-callbacks";
import { runQueue } from "../../helpers/queue";

/** Limit of every request body on the API host (src/app.ts). */
const MAX_BODY_BYTES = 64 * 1024;

/** What the invitation's row and timeline say, to show that a refused callback changed nothing. */
async function recorded(tenant: Tenant, token: string) {
  const invitation = await call("GET", `/v1/autodoc/invitations/${token}`, { token: tenant.liveKey });
  const timeline = await call("GET", `/v1/autodoc/invitations/${token}/events`, { token: tenant.liveKey });
  return { invitation: invitation.body, events: timeline.body.data };
}

async function sentSms() {
  const tenant = await createTenant();
  const { invitation, messageId } = await sentLive(tenant, "sms");
  const delivered = {
    AccountSid: env.TWILIO_ACCOUNT_SID,
    MessageSid: messageId,
    SmsSid: messageId,
    To: "+15551230000",
    MessageStatus: "delivered",
  };
  return { tenant, token: invitation.token, delivered };
}

const utf8 = (text: string) => new TextEncoder().encode(text);

describe("Twilio status callbacks: bad input before authentication", () => {
  it("answers what is not a validly signed URL-encoded form with a 4xx, and records nothing", async ({
    expect,
  }) => {
    const { tenant, token, delivered } = await sentSms();
    const before = await recorded(tenant, token);
    const form = twilioForm(delivered);
    const multipart = (closing: string) =>
      `--zzz\r\nContent-Disposition: form-data; name="MessageSid"\r\n\r\n${delivered.MessageSid}\r\n` +
      `--zzz\r\nContent-Disposition: form-data; name="MessageStatus"\r\n\r\ndelivered${closing}`;
    // Each is signed over the real parameters, so only the body or its type is wrong.
    const cases: [string, Parameters<typeof postTwilioCallback>[1], number][] = [
      [
        "malformed multipart",
        { body: multipart(""), headers: { "Content-Type": "multipart/form-data; boundary=zzz" } },
        400,
      ],
      [
        "well-formed multipart",
        {
          body: multipart("\r\n--zzz--\r\n"),
          headers: { "Content-Type": "multipart/form-data; boundary=zzz" },
        },
        400,
      ],
      ["JSON", { body: JSON.stringify(delivered), headers: { "Content-Type": "application/json" } }, 400],
      ["plain text", { body: form, headers: { "Content-Type": "text/plain" } }, 400],
      ["an empty content type", { body: utf8(form), headers: { "Content-Type": "" } }, 400],
      ["truncated form", { body: form.slice(0, -4) }, 401],
      ["truncated escape", { body: `${form}&ErrorCode=%E2%8` }, 401],
      [
        "bytes that are not UTF-8",
        { body: new Uint8Array([...utf8(`${form}&Body=`), 0xff, 0xfe, 0xc3]) },
        401,
      ],
      ["a missing signature", { signature: "" }, 401],
      ["a forged signature", { signature: "bm90IGEgc2lnbmF0dXJl" }, 401],
      ["a body past the limit", { body: `${form}&Pad=${"x".repeat(MAX_BODY_BYTES)}` }, 413],
    ];
    for (const [name, options, status] of cases) {
      const res = await postTwilioCallback(delivered, options);
      expect(res.status, name).toBe(status);
      expect(await res.json(), name).toMatchObject({ error: { code: expect.any(String) } });
    }
    expect(await recorded(tenant, token)).toEqual(before);
  });

  it("accepts a signed form of exactly the body limit, a repeated name with all its values", async ({
    expect,
  }) => {
    const { tenant, token, delivered } = await sentSms();
    const params = { ...delivered, Tag: ["welcome", "beta"], Pad: "" };
    params.Pad = "x".repeat(MAX_BODY_BYTES - twilioForm(params).length);
    expect(utf8(twilioForm(params)).byteLength).toBe(MAX_BODY_BYTES);
    // Signed over one value of the repeated name: the parser must not drop the other.
    const oneTag = await postTwilioCallback({ ...params, Tag: "welcome" }, { body: twilioForm(params) });
    expect(oneTag.status).toBe(401);
    expect((await postTwilioCallback(params)).status).toBe(204);
    expect((await recorded(tenant, token)).invitation.status).toBe("delivered");
  });

  it("ignores a signed callback whose message or status is not one value", async ({ expect }) => {
    const { tenant, token, delivered } = await sentSms();
    const before = await recorded(tenant, token);
    for (const params of [
      { ...delivered, MessageSid: [delivered.MessageSid, "SMother"] },
      { ...delivered, MessageStatus: ["delivered", "read"] },
      { ...delivered, MessageStatus: "" },
    ]) {
      expect((await postTwilioCallback(params)).status).toBe(204);
    }
    expect(await recorded(tenant, token)).toEqual(before);
  });

  it("names an event by what the signature covers, not by Twilio's unsigned idempotency header", async ({
    expect,
  }) => {
    const { tenant, token, delivered } = await sentSms();
    // A replay of one signed callback under new idempotency tokens is still one event.
    for (const idempotency of ["token-1", "token-2", "token-3"]) {
      const res = await postTwilioCallback(delivered, {
        headers: { "I-Twilio-Idempotency-Token": idempotency },
      });
      expect(res.status).toBe(204);
    }
    const { events } = await recorded(tenant, token);
    const types = (events as { type: string }[]).map((event) => event.type);
    expect(types.filter((type) => type === "provider.delivered")).toHaveLength(1);
  });
});

describe("Resend events: a signed body we cannot read", () => {
  /** Svix-signed with Resend's secret, whatever the body. */
  async function postSignedResend(body: string) {
    const id = `msg_${crypto.randomUUID().replaceAll("-", "")}`;
    const at = new Date();
    return exports.default.fetch(`${API}/webhooks/resend`, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "svix-id": id,
        "svix-timestamp": String(Math.floor(at.getTime() / 1000)),
        "svix-signature": new Webhook(env.RESEND_WEBHOOK_SECRET).sign(id, at, body),
      },
      body,
    });
  }

  it("is a 400 when it is not JSON, and records nothing", async ({ expect }) => {
    const tenant = await createTenant();
    const { invitation, messageId } = await sentLive(tenant);
    const before = await recorded(tenant, invitation.token);
    const event = JSON.stringify(resendEvent("email.delivered", messageId));
    for (const body of [event.slice(0, -1), "", "not json"]) {
      const res = await postSignedResend(body);
      expect(res.status, body).toBe(400);
      expect(await res.json(), body).toMatchObject({ error: { code: "invalid_json" } });
    }
    expect(await recorded(tenant, invitation.token)).toEqual(before);
  });

  it("keeps an event whose date does not parse, at the time it came", async ({ expect }) => {
    const tenant = await createTenant();
    const { invitation, messageId } = await sentLive(tenant);
    const received = Date.now();
    const undated = await postResendEvent({
      ...resendEvent("email.delivered", messageId),
      created_at: "soon",
    });
    expect(undated.status).toBe(200);
    expect(await undated.json()).toEqual({ received: true, matched: true });
    const { invitation: row, events } = await recorded(tenant, invitation.token);
    expect(row.status).toBe("delivered");
    const delivered = (events as { type: string; occurredAt: string }[]).find(
      (e) => e.type === "provider.delivered",
    );
    expect(Date.parse(String(delivered?.occurredAt))).toBeGreaterThanOrEqual(received - 1000);
  });
});

describe("Cloudflare Email Service events: a timestamp that does not parse", () => {
  it("is applied at the time the queue received it, acknowledged, not retried forever", async ({
    expect,
  }) => {
    const tenant = await createTenant();
    const { invitation } = await sentLive(tenant);
    const messageId = `cf-${crypto.randomUUID()}`;
    await env.DB.prepare(
      "update sends set provider = 'cloudflare-email', provider_message_id = ? where invitation_token = ?",
    )
      .bind(messageId, invitation.token)
      .run();
    const { result, retries } = await runQueue("email-events", [
      {
        body: {
          type: "cf.email.sending.message.delivered",
          payload: { eventId: crypto.randomUUID(), messageId, delivery: { status: "delivered" } },
          metadata: { eventTimestamp: "not a time" },
        },
      },
    ]);
    expect(result.explicitAcks).toHaveLength(1);
    expect(retries[0]).not.toHaveBeenCalled();
    expect((await recorded(tenant, invitation.token)).invitation.status).toBe("delivered");
  });
});
