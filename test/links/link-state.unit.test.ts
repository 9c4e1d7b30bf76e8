import { describe, it } from "vitest";
import { closedLinkPage } from "../../src/links/link-state";

const NOW = new Date("2030-06-01T12:00:00Z");
const LATER = new Date(NOW.getTime() + 1);
const active = { deactivated: false, deactivationReason: null, expiresAt: LATER };

describe("closedLinkPage", () => {
  it("answers null for an active link until the moment it expires", ({ expect }) => {
    expect(closedLinkPage(active, NOW)).toBeNull();
    expect(closedLinkPage({ ...active, expiresAt: NOW }, NOW)).toBe("expired");
  });

  it.for([
    ["revoked", "withdrawn"],
    ["scope_deleted", "withdrawn"],
    ["declined", "declined"],
    [null, "withdrawn"],
    ["a reason added later", "withdrawn"],
  ] as const)("a deactivation for %j is %j", ([reason, page], { expect }) => {
    expect(closedLinkPage({ ...active, deactivated: true, deactivationReason: reason }, NOW)).toBe(page);
  });

  it("names the deactivation, not the expiry, of a link that is both", ({ expect }) => {
    const both = { deactivated: true, deactivationReason: "revoked", expiresAt: NOW };
    expect(closedLinkPage(both, LATER)).toBe("withdrawn");
  });
});
