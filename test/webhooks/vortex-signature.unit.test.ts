import { VortexWebhooks } from "@teamvortexsoftware/vortex-node-22-sdk";
import { describe, it } from "vitest";
import { generateWebhookSecret } from "../../src/webhooks/standard-webhooks";
import { signVortexWebhook } from "../../src/webhooks/vortex-signature";
import { providerVectors } from "../vectors/provider-vectors";

const vectors = (await providerVectors()).vortex;

describe("X-Vortex-Signature", () => {
  it("signs exactly as Node's crypto computes it (lowercase hex HMAC-SHA256 of the raw body)", async ({
    expect,
  }) => {
    expect(vectors.length).toBe(3);
    for (const vector of vectors) {
      const ours = await signVortexWebhook(vector.secret, vector.body);
      expect(ours, vector.body).toBe(vector.signature);
      expect(ours).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it("is accepted by the official SDK's VortexWebhooks, and only for that body and secret", async ({
    expect,
  }) => {
    const secret = generateWebhookSecret();
    const body = JSON.stringify({ id: "evt_1", type: "invitation.created", data: { name: "Zoë" } });
    const signature = await signVortexWebhook(secret, body);
    const webhooks = new VortexWebhooks({ secret });
    expect(webhooks.constructEvent(body, signature)).toEqual(JSON.parse(body));
    expect(() => webhooks.constructEvent(body.replace("Zoë", "Zoe"), signature)).toThrow();
    expect(() => webhooks.constructEvent(body, signature.toUpperCase())).toThrow();
    expect(() =>
      new VortexWebhooks({ secret: generateWebhookSecret() }).constructEvent(body, signature),
    ).toThrow();
  });
});
