import { describe, expectTypeOf, it, vi } from "vitest";
import type {
  CloudflareEmailBinding,
  CloudflareEmailMessage,
} from "../../../src/delivery/providers/cloudflare-email-provider";
import { CloudflareEmailProvider } from "../../../src/delivery/providers/cloudflare-email-provider";
import type { EmailMessage } from "../../../src/delivery/providers/types";
import { cloudflareError, context } from "./fixtures";

const message: EmailMessage = {
  from: '"Acme \\"Corp\\"" <acme@auto-doc.ai>',
  to: "jane@example.com",
  replyTo: "hr@acme.example",
  subject: "Acme Corp invited you",
  html: "<p>Hello Jane</p>",
  text: "Hello Jane",
};

/** A `send_email` binding that records what it is given, then resolves or throws as the real one does. */
function fakeBinding(answer: () => Promise<{ messageId: string }>) {
  const sent: CloudflareEmailMessage[] = [];
  const send = vi.fn(async (request: CloudflareEmailMessage) => {
    sent.push(request);
    return answer();
  });
  return { binding: { send }, sent, send };
}

describe("CloudflareEmailProvider", () => {
  it("asks only for what the runtime's send_email binding offers", () => {
    // Checked by tsc: env.EMAIL (SendEmail) can be passed as the binding.
    expectTypeOf<SendEmail>().toExtend<CloudflareEmailBinding>();
  });

  it("sends the structured message with the display name split out", async ({ expect }) => {
    const { binding, sent } = fakeBinding(async () => ({ messageId: "<0a1b2c3d@auto-doc.ai>" }));
    const outcome = await new CloudflareEmailProvider({ binding }).sendEmail(message, context);
    expect(outcome).toEqual({
      ok: true,
      provider: "cloudflare-email",
      providerMessageId: "<0a1b2c3d@auto-doc.ai>",
    });
    expect(sent).toEqual([
      {
        to: "jane@example.com",
        from: { email: "acme@auto-doc.ai", name: 'Acme "Corp"' },
        subject: "Acme Corp invited you",
        html: "<p>Hello Jane</p>",
        text: "Hello Jane",
        replyTo: "hr@acme.example",
      },
    ]);
  });

  it("passes a sender without a name as a plain address and leaves replyTo out", async ({ expect }) => {
    const { binding, sent } = fakeBinding(async () => ({ messageId: "m-1" }));
    await new CloudflareEmailProvider({ binding }).sendEmail(
      { ...message, from: "acme@auto-doc.ai", replyTo: null },
      context,
    );
    expect(sent[0]?.from).toBe("acme@auto-doc.ai");
    expect(sent[0]).not.toHaveProperty("replyTo");
  });

  it("does not call the binding with a sender it cannot parse, and waits for a fix", async ({ expect }) => {
    const { binding, send } = fakeBinding(async () => ({ messageId: "m-1" }));
    const outcome = await new CloudflareEmailProvider({ binding }).sendEmail(
      { ...message, from: '"Acme <acme@auto-doc.ai>' },
      context,
    );
    expect(outcome).toMatchObject({ ok: false, kind: "transient", provider: "cloudflare-email" });
    expect(send).not.toHaveBeenCalled();
  });

  const cases = [
    { code: "E_RECIPIENT_SUPPRESSED", message: "Recipient is on suppression list", kind: "permanent" },
    { code: "E_VALIDATION_ERROR", message: "Invalid email format in `to`", kind: "permanent" },
    { code: "E_FIELD_MISSING", message: "Required field is missing: subject", kind: "permanent" },
    { code: "E_RECIPIENT_NOT_ALLOWED", message: "Recipient not in allowed list", kind: "permanent" },
    { code: "E_CONTENT_TOO_LARGE", message: "Email content exceeds size limit", kind: "permanent" },
    { code: "E_RATE_LIMIT_EXCEEDED", message: "Rate limit exceeded", kind: "transient" },
    { code: "E_DAILY_LIMIT_EXCEEDED", message: "Daily limit exceeded", kind: "transient" },
    { code: "E_INTERNAL_SERVER_ERROR", message: "Internal service error", kind: "transient" },
    { code: "E_SENDER_NOT_VERIFIED", message: "Sender domain not verified", kind: "transient" },
    { code: "E_SENDER_DOMAIN_NOT_AVAILABLE", message: "Domain not available for sending", kind: "transient" },
    { code: "E_DELIVERY_FAILED", message: "Could not deliver the email", kind: "transient" },
    { code: "E_SOMETHING_NEW", message: "A code added after this was written", kind: "transient" },
  ] as const;

  it.for(cases)("classifies $code as $kind", async ({ code, message: detail, kind }, { expect }) => {
    const { binding } = fakeBinding(() => Promise.reject(cloudflareError(code, detail)));
    expect(await new CloudflareEmailProvider({ binding }).sendEmail(message, context)).toEqual({
      ok: false,
      kind,
      provider: "cloudflare-email",
      reason: `Cloudflare Email ${code}: ${detail}`,
    });
  });

  it("retries errors without a code", async ({ expect }) => {
    for (const thrown of [new Error("internal error"), "boom"]) {
      const { binding } = fakeBinding(() => Promise.reject(thrown));
      expect(await new CloudflareEmailProvider({ binding }).sendEmail(message, context)).toEqual({
        ok: false,
        kind: "transient",
        provider: "cloudflare-email",
        reason: `Cloudflare Email error: ${thrown instanceof Error ? thrown.message : thrown}`,
      });
    }
  });
});
