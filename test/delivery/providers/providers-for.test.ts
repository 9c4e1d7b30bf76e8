import { env } from "cloudflare:workers";
import { describe, it } from "vitest";
import { providersFor } from "../../../src/delivery/providers";

describe("providersFor in live mode", () => {
  it("a channel whose provider lacks a secret does not stop the other channel", ({ expect }) => {
    const noTwilio = providersFor({ ...env, TWILIO_AUTH_TOKEN: "" }, true);
    expect(noTwilio.email.name).toBe("resend");
    expect(() => noTwilio.sms).toThrow("TWILIO_AUTH_TOKEN is not set; the configured provider cannot send.");

    const noResend = providersFor({ ...env, RESEND_API_KEY: "" }, true);
    expect(noResend.sms.name).toBe("twilio");
    expect(() => noResend.email).toThrow("RESEND_API_KEY is not set; the configured provider cannot send.");
  });

  it("an unknown provider name fails loudly instead of falling back to the outbox", ({ expect }) => {
    const typo = providersFor({ ...env, EMAIL_PROVIDER: "resnd" }, true);
    expect(() => typo.email).toThrow("EMAIL_PROVIDER=resnd is unknown; use outbox, resend or cloudflare.");
  });
});
