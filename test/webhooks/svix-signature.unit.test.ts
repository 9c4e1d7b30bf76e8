import { describe, it } from "vitest";
import { verifySvixSignature } from "../../src/webhooks/svix-signature";
import { providerVectors } from "../vectors/provider-vectors";

const { svix } = await providerVectors();
const signedAt = new Date(svix.timestampSeconds * 1000);
const headers = { id: svix.id, timestamp: String(svix.timestampSeconds), signature: svix.signature };

/** Verifies the svix library's vector with some fields replaced; "now" is the signing time unless given. */
function verify(overrides: {
  secret?: string;
  headers?: Partial<Record<keyof typeof headers, string | null>>;
  body?: string;
  now?: Date;
}) {
  return verifySvixSignature({
    secret: overrides.secret ?? svix.secret,
    headers: { ...headers, ...overrides.headers },
    body: overrides.body ?? svix.body,
    now: overrides.now ?? signedAt,
  });
}

describe("verifySvixSignature", () => {
  it("accepts the message signed by the svix library", async ({ expect }) => {
    expect(await verify({})).toEqual({ ok: true });
    // Up to the five-minute tolerance on either side.
    expect(await verify({ now: new Date(signedAt.getTime() + 300_000) })).toEqual({ ok: true });
    expect(await verify({ now: new Date(signedAt.getTime() - 300_000) })).toEqual({ ok: true });
  });

  it("refuses a forged signature, a modified body and a wrong secret", async ({ expect }) => {
    const refused = { ok: false, reason: "invalid_signature" };
    const value = svix.signature.slice(3);
    const forged = `v1,${value.startsWith("A") ? "B" : "A"}${value.slice(1)}`;
    expect(await verify({ headers: { signature: forged } })).toEqual(refused);
    expect(await verify({ headers: { signature: "v1,not-base64" } })).toEqual(refused);
    expect(await verify({ body: svix.body.replace("delivered", "bounced") })).toEqual(refused);
    expect(await verify({ body: `${svix.body} ` })).toEqual(refused);
    expect(await verify({ headers: { id: `${svix.id}x` } })).toEqual(refused);
    expect(await verify({ secret: "whsec_plJ3nmyCDGBKInavdOK15jsl" })).toEqual(refused);
  });

  it("refuses a timestamp more than five minutes old or in the future, even correctly signed", async ({
    expect,
  }) => {
    const stale = { ok: false, reason: "stale" };
    expect(await verify({ now: new Date(signedAt.getTime() + 301_000) })).toEqual(stale);
    expect(await verify({ now: new Date(signedAt.getTime() - 301_000) })).toEqual(stale);
    expect(await verify({ now: new Date(signedAt.getTime() + 3_600_000) })).toEqual(stale);
    // A tighter tolerance is honoured.
    expect(
      await verifySvixSignature({
        secret: svix.secret,
        headers,
        body: svix.body,
        now: new Date(signedAt.getTime() + 61_000),
        toleranceSeconds: 60,
      }),
    ).toEqual(stale);
  });

  it("refuses missing, empty or malformed headers", async ({ expect }) => {
    const missing = { ok: false, reason: "missing_headers" };
    expect(await verify({ headers: { id: null } })).toEqual(missing);
    expect(await verify({ headers: { timestamp: null } })).toEqual(missing);
    expect(await verify({ headers: { signature: null } })).toEqual(missing);
    expect(await verify({ headers: { signature: "" } })).toEqual(missing);
    expect(await verify({ headers: { timestamp: "soon" } })).toEqual(missing);
    expect(await verify({ headers: { timestamp: `${svix.timestampSeconds}.5` } })).toEqual(missing);
  });

  it("accepts a header listing several signatures when one v1 entry matches", async ({ expect }) => {
    const other = svix.otherSecretSignature;
    expect(await verify({ headers: { signature: `${other} ${svix.signature}` } })).toEqual({ ok: true });
    expect(await verify({ headers: { signature: `${svix.signature} ${other}` } })).toEqual({ ok: true });
    // Other versions (v1a is the asymmetric scheme) are skipped, not failed on.
    const v1a = `v1a,${btoa("x".repeat(64))}`;
    expect(await verify({ headers: { signature: `${v1a} ${svix.signature}` } })).toEqual({ ok: true });
    // The right value under another version does not count.
    const relabelled = svix.signature.replace("v1,", "v2,");
    expect(await verify({ headers: { signature: `${other} ${relabelled}` } })).toEqual({
      ok: false,
      reason: "invalid_signature",
    });
  });
});
