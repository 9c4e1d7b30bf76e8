import { describe, it } from "vitest";
import type { TwilioProviderOptions } from "../../../src/delivery/providers/twilio-provider";
import { classifyTwilioError, TwilioProvider } from "../../../src/delivery/providers/twilio-provider";
import type { SmsMessage } from "../../../src/delivery/providers/types";
import {
  abortError,
  context,
  fakeFetch,
  json,
  networkError,
  TWILIO_ACCOUNT_SID,
  TWILIO_AUTH_TOKEN,
  TWILIO_MESSAGE_SID,
  TWILIO_MESSAGES,
  timeoutError,
  twilioCreated,
  twilioError,
} from "./fixtures";

const message: SmsMessage = { to: "+4915112345678", text: "Café & co invited you: https://x.test/i?a=1&b=2" };
const STATUS_CALLBACK = "https://api.auto-doc.test/webhooks/twilio/status";
// base64("<account sid>:<auth token>"), worked out independently of the code under test.
const BASIC =
  "Basic QUMzZjJkOWM1YjhlN2E0MTYwYjJjOWQ4ZTdmNmE1YjRjMzo5ZTFjN2IzYTVkMmY0ZTZhOGIwYzFkM2U1ZjdhOWIyYw==";

function provider(answer: () => Response | Promise<Response>, options: Partial<TwilioProviderOptions> = {}) {
  const network = fakeFetch(answer);
  const twilio = new TwilioProvider({
    accountSid: TWILIO_ACCOUNT_SID,
    authToken: TWILIO_AUTH_TOKEN,
    from: "+15017122661",
    statusCallbackUrl: STATUS_CALLBACK,
    fetch: network.fetch,
    ...options,
  });
  return { twilio, requests: network.requests };
}

describe("TwilioProvider", () => {
  it("creates the message with a form, Basic auth and the status callback", async ({ expect }) => {
    const { twilio, requests } = provider(() => json(201, twilioCreated));
    const outcome = await twilio.sendSms(message, context);
    expect(outcome).toEqual({ ok: true, provider: "twilio", providerMessageId: TWILIO_MESSAGE_SID });
    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect(request?.url).toBe(
      `https://api.twilio.com/2010-04-01/Accounts/${TWILIO_ACCOUNT_SID}/Messages.json`,
    );
    expect(request?.method).toBe("POST");
    expect(request?.headers.get("authorization")).toBe(BASIC);
    expect(request?.headers.get("content-type")).toBe("application/x-www-form-urlencoded");
    // No idempotency header: Twilio documents none for creating a message.
    expect([...(request?.headers.keys() ?? [])].sort()).toEqual(["authorization", "content-type"]);
    expect(Object.fromEntries(new URLSearchParams(request?.body))).toEqual({
      To: "+4915112345678",
      From: "+15017122661",
      Body: "Café & co invited you: https://x.test/i?a=1&b=2",
      StatusCallback: STATUS_CALLBACK,
    });
    expect(request?.signal).toBeInstanceOf(AbortSignal);
  });

  it("sends through a Messaging Service instead of a number, at a base URL", async ({ expect }) => {
    const messagingServiceSid = "MG9752274e9e519418a7406176694466fa";
    const created = {
      ...twilioCreated,
      from: null,
      messaging_service_sid: messagingServiceSid,
      status: "accepted",
    };
    const { twilio, requests } = provider(() => json(201, created), {
      messagingServiceSid,
      baseUrl: "https://twilio.internal.test/",
    });
    expect(await twilio.sendSms(message, context)).toMatchObject({
      ok: true,
      providerMessageId: TWILIO_MESSAGE_SID,
    });
    expect(requests[0]?.url).toBe(
      `https://twilio.internal.test/2010-04-01/Accounts/${TWILIO_ACCOUNT_SID}/Messages.json`,
    );
    const form = Object.fromEntries(new URLSearchParams(requests[0]?.body));
    expect(form).toMatchObject({ MessagingServiceSid: messagingServiceSid });
    expect(form).not.toHaveProperty("From");
  });

  it("refuses to be built without a sender", ({ expect }) => {
    expect(() => provider(() => json(201, twilioCreated), { from: undefined })).toThrow(
      /from.*messagingServiceSid/,
    );
  });

  const cases = [
    { status: 400, code: 21211, kind: "permanent" },
    { status: 400, code: 21408, kind: "permanent" },
    { status: 400, code: 21610, kind: "permanent" },
    { status: 400, code: 21612, kind: "permanent" },
    { status: 400, code: 21614, kind: "permanent" },
    { status: 400, code: 21635, kind: "permanent" },
    { status: 400, code: 21617, kind: "permanent" }, // not in our lists: a 400 is a rejected request
    { status: 400, code: 21606, kind: "transient" },
    { status: 400, code: 21608, kind: "transient" },
    { status: 401, code: 20003, kind: "transient" },
    { status: 404, code: 20404, kind: "transient" },
    { status: 429, code: 20429, kind: "transient" },
    { status: 400, code: 21611, kind: "transient" },
    { status: 500, code: 20500, kind: "transient" },
    { status: 503, code: 20503, kind: "transient" },
  ] as const;

  it.for(cases)("classifies $status $code as $kind", async ({ status, code, kind }, { expect }) => {
    const { twilio } = provider(() => json(status, twilioError(status, code)));
    expect(await twilio.sendSms(message, context)).toEqual({
      ok: false,
      kind,
      provider: "twilio",
      reason: `Twilio ${code}: ${TWILIO_MESSAGES[code]}`,
    });
  });

  const unreadable = [
    { status: 502, body: "<html><body>502 Bad Gateway</body></html>", kind: "transient" },
    { status: 400, body: "Bad Request", kind: "permanent" },
    { status: 401, body: "", kind: "transient" },
  ] as const;

  it.for(unreadable)("falls back to HTTP $status when the body is unreadable", async (row, { expect }) => {
    const { twilio } = provider(() => new Response(row.body, { status: row.status }));
    expect(await twilio.sendSms(message, context)).toEqual({
      ok: false,
      kind: row.kind,
      provider: "twilio",
      reason: `Twilio HTTP ${row.status}`,
    });
  });

  it("counts a 201 without a readable sid as sent, so the recipient is not texted twice", async ({
    expect,
  }) => {
    const { twilio } = provider(() => new Response("", { status: 201 }));
    expect(await twilio.sendSms(message, context)).toEqual({
      ok: true,
      provider: "twilio",
      providerMessageId: `unknown:${context.key}`,
    });
  });

  const failures = [
    { error: timeoutError, reason: "Twilio did not answer within 10 s" },
    { error: abortError, reason: "Twilio did not answer within 10 s" },
    { error: networkError, reason: "Twilio request failed: Network connection lost." },
  ];

  it.for(failures)("treats $reason as transient", async ({ error, reason }, { expect }) => {
    const { twilio } = provider(() => Promise.reject(error()));
    expect(await twilio.sendSms(message, context)).toEqual({
      ok: false,
      kind: "transient",
      provider: "twilio",
      reason,
    });
  });

  it("classifies the delivery codes that arrive in status callbacks", ({ expect }) => {
    expect(classifyTwilioError(30003, 200)).toBe("transient");
    expect(classifyTwilioError(30001, 200)).toBe("transient");
    expect(classifyTwilioError(30006, 200)).toBe("permanent");
  });
});
