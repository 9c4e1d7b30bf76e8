import { describe, it } from "vitest";
import { ResendProvider } from "../../../src/delivery/providers/resend-provider";
import type { EmailMessage } from "../../../src/delivery/providers/types";
import {
  abortError,
  context,
  fakeFetch,
  json,
  networkError,
  RESEND_ERRORS,
  RESEND_RATE_LIMIT_HEADERS,
  resendSent,
  timeoutError,
} from "./fixtures";

const message: EmailMessage = {
  from: '"Acme Corp" <acme@auto-doc.ai>',
  to: "jane@example.com",
  replyTo: "hr@acme.example",
  subject: "Acme Corp invited you",
  html: "<p>Hello Jane</p>",
  text: "Hello Jane",
};

function provider(answer: () => Response | Promise<Response>, baseUrl?: string) {
  const network = fakeFetch(answer);
  const options = { apiKey: "re_test_123", fetch: network.fetch };
  return {
    resend: new ResendProvider(baseUrl ? { ...options, baseUrl } : options),
    requests: network.requests,
  };
}

describe("ResendProvider", () => {
  it("posts the message to /emails with the send key as Idempotency-Key", async ({ expect }) => {
    const { resend, requests } = provider(() => json(200, resendSent));
    const outcome = await resend.sendEmail(message, context);
    expect(outcome).toEqual({ ok: true, provider: "resend", providerMessageId: resendSent.id });
    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect(request?.url).toBe("https://api.resend.com/emails");
    expect(request?.method).toBe("POST");
    expect(request?.headers.get("authorization")).toBe("Bearer re_test_123");
    expect(request?.headers.get("content-type")).toBe("application/json");
    expect(request?.headers.get("idempotency-key")).toBe("inv_2kQv9XbT7mR4pLw8:1");
    expect(JSON.parse(request?.body ?? "")).toEqual({
      from: '"Acme Corp" <acme@auto-doc.ai>',
      to: ["jane@example.com"],
      subject: "Acme Corp invited you",
      html: "<p>Hello Jane</p>",
      text: "Hello Jane",
      reply_to: "hr@acme.example",
    });
    expect(request?.signal).toBeInstanceOf(AbortSignal);
    expect(request?.signal?.aborted).toBe(false);
  });

  it("leaves reply_to out when there is none, and honours a base URL", async ({ expect }) => {
    const { resend, requests } = provider(() => json(200, resendSent), "https://resend.internal.test/");
    await resend.sendEmail({ ...message, replyTo: null }, context);
    expect(requests[0]?.url).toBe("https://resend.internal.test/emails");
    expect(JSON.parse(requests[0]?.body ?? "")).not.toHaveProperty("reply_to");
  });

  const cases = [
    { body: RESEND_ERRORS.invalidTo, kind: "permanent" },
    { body: RESEND_ERRORS.missingField, kind: "permanent" },
    { body: RESEND_ERRORS.invalidParameter, kind: "permanent" },
    { body: RESEND_ERRORS.invalidKey, kind: "permanent" },
    { body: RESEND_ERRORS.keyReused, kind: "permanent" },
    { body: RESEND_ERRORS.security, kind: "permanent" },
    { body: RESEND_ERRORS.domainNotVerified, kind: "transient" },
    { body: RESEND_ERRORS.invalidFrom, kind: "transient" },
    { body: RESEND_ERRORS.missingApiKey, kind: "transient" },
    { body: RESEND_ERRORS.restrictedApiKey, kind: "transient" },
    { body: RESEND_ERRORS.invalidApiKey, kind: "transient" },
    { body: RESEND_ERRORS.notFound, kind: "transient" },
    { body: RESEND_ERRORS.rateLimited, kind: "transient" },
    { body: RESEND_ERRORS.dailyQuota, kind: "transient" },
    { body: RESEND_ERRORS.concurrent, kind: "transient" },
    { body: RESEND_ERRORS.applicationError, kind: "transient" },
    { body: RESEND_ERRORS.internalError, kind: "transient" },
    { body: { statusCode: 422, name: "some_future_error", message: "New." }, kind: "permanent" },
    { body: { statusCode: 503, name: "some_future_error", message: "New." }, kind: "transient" },
  ] as const;

  it.for(cases)("classifies $body.statusCode $body.name as $kind", async ({ body, kind }, { expect }) => {
    const headers = body.statusCode === 429 ? RESEND_RATE_LIMIT_HEADERS : {};
    const { resend } = provider(() => json(body.statusCode, body, headers));
    expect(await resend.sendEmail(message, context)).toEqual({
      ok: false,
      kind,
      provider: "resend",
      reason: `Resend ${body.name}: ${body.message}`,
    });
  });

  const unreadable = [
    { status: 502, body: "<html><body>502 Bad Gateway</body></html>", kind: "transient" },
    { status: 400, body: "Bad Request", kind: "permanent" },
    { status: 401, body: "", kind: "transient" },
    { status: 500, body: '{"error": true}', kind: "transient" },
  ] as const;

  it.for(unreadable)("falls back to HTTP $status when the body is unreadable", async (row, { expect }) => {
    const { resend } = provider(() => new Response(row.body, { status: row.status }));
    expect(await resend.sendEmail(message, context)).toEqual({
      ok: false,
      kind: row.kind,
      provider: "resend",
      reason: `Resend HTTP ${row.status}`,
    });
  });

  it("retries a 200 without an id: the Idempotency-Key makes that safe", async ({ expect }) => {
    const { resend } = provider(() => new Response("OK", { status: 200 }));
    expect(await resend.sendEmail(message, context)).toMatchObject({ ok: false, kind: "transient" });
  });

  const failures = [
    { error: timeoutError, reason: "Resend did not answer within 10 s" },
    { error: abortError, reason: "Resend did not answer within 10 s" },
    { error: networkError, reason: "Resend request failed: Network connection lost." },
  ];

  it.for(failures)("treats $reason as transient", async ({ error, reason }, { expect }) => {
    const { resend } = provider(() => Promise.reject(error()));
    expect(await resend.sendEmail(message, context)).toEqual({
      ok: false,
      kind: "transient",
      provider: "resend",
      reason,
    });
  });
});
