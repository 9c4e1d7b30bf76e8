import { describe, it } from "vitest";
import {
  decideWebhookClaim,
  finishWebhookClaim,
  WEBHOOK_LEASE_MS,
  type WebhookClaim,
} from "../../src/core/webhook-claim";

const NOW = 1_800_000_000_000;
const claimant = { lease: "lease-b", now: NOW, offered: '{"rendered":"now"}' };

describe("the SendGate's webhook claims", () => {
  it("grants a first claim for the lease time, and keeps the body offered with it", ({ expect }) => {
    expect(decideWebhookClaim(undefined, undefined, claimant)).toEqual({
      answer: { claim: "claimed", payload: claimant.offered },
      store: {
        claim: { lease: "lease-b", until: NOW + WEBHOOK_LEASE_MS, delivered: false },
        body: claimant.offered,
      },
    });
  });

  it("answers a later claim with the body kept first, and stores no body again", ({ expect }) => {
    const decision = decideWebhookClaim(undefined, '{"rendered":"first"}', claimant);
    expect(decision.answer).toEqual({ claim: "claimed", payload: '{"rendered":"first"}' });
    expect(decision.store?.body).toBeNull();
  });

  it("refuses while another lease is live, up to its last millisecond, and grants once it lapsed", ({
    expect,
  }) => {
    const live: WebhookClaim = { lease: "lease-a", until: NOW + 1, delivered: false };
    expect(decideWebhookClaim(live, "{}", claimant)).toEqual({ answer: { claim: "in_flight" }, store: null });
    const lapsed: WebhookClaim = { ...live, until: NOW };
    expect(decideWebhookClaim(lapsed, "{}", claimant).answer).toEqual({ claim: "claimed", payload: "{}" });
  });

  it("refuses every claim once delivered", ({ expect }) => {
    const delivered: WebhookClaim = { lease: null, until: 0, delivered: true };
    expect(decideWebhookClaim(delivered, "{}", claimant)).toEqual({
      answer: { claim: "delivered" },
      store: null,
    });
  });

  it("ends only the lease's own claim: delivered for good, or freed", ({ expect }) => {
    const held: WebhookClaim = { lease: "lease-b", until: NOW + WEBHOOK_LEASE_MS, delivered: false };
    expect(finishWebhookClaim(held, "lease-b", true)).toEqual({ lease: null, until: 0, delivered: true });
    expect(finishWebhookClaim(held, "lease-b", false)).toBeNull();
    expect(finishWebhookClaim(held, "lease-a", true)).toBe("unchanged");
    expect(finishWebhookClaim(undefined, "lease-b", false)).toBe("unchanged");
  });
});
