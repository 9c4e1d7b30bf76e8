import { Webhook } from "standardwebhooks";
import { describe, it } from "vitest";
import { generateWebhookSecret, signWebhook, webhookHeaders } from "../../src/webhooks/standard-webhooks";
import { providerVectors } from "../vectors/provider-vectors";

const samples = (await providerVectors()).standardWebhooks;
const body = JSON.stringify({ type: "invitation.accepted", data: { token: "inv_123", name: "Zoë" } });

describe("Standard Webhooks signing", () => {
  it("produces deliveries the standardwebhooks package verifies, as a customer would", async ({ expect }) => {
    const secret = generateWebhookSecret();
    const headers = await webhookHeaders(secret, "evt_01JGZ8R3T7V9", Math.floor(Date.now() / 1000), body);
    expect(Object.keys(headers).sort()).toEqual(["webhook-id", "webhook-signature", "webhook-timestamp"]);
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
    // And it is the signature, not luck, that made it pass.
    expect(() => new Webhook(secret).verify(body.replace("Zoë", "Zoe"), headers)).toThrow();
    expect(() => new Webhook(generateWebhookSecret()).verify(body, headers)).toThrow();
  });

  it("signs exactly as the standardwebhooks package does", async ({ expect }) => {
    expect(samples.length).toBeGreaterThan(0);
    for (const sample of samples) {
      const ours = await signWebhook(sample.secret, sample.id, sample.timestampSeconds, sample.body);
      expect(ours, sample.id).toBe(sample.signature);
    }
  });

  it("generates whsec_ secrets of 32 random bytes", ({ expect }) => {
    const secret = generateWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(atob(secret.slice("whsec_".length))).toHaveLength(32);
    expect(generateWebhookSecret()).not.toBe(secret);
  });

  it("refuses inputs that would make the signed content ambiguous", async ({ expect }) => {
    const secret = generateWebhookSecret();
    await expect(signWebhook(secret, "evt.1", 1_767_225_600, body)).rejects.toThrow();
    await expect(signWebhook(secret, "", 1_767_225_600, body)).rejects.toThrow();
    await expect(signWebhook(secret, "evt_1", 1_767_225_600.5, body)).rejects.toThrow();
    await expect(signWebhook("whsec_***", "evt_1", 1_767_225_600, body)).rejects.toThrow();
  });
});
