import { Vortex } from "@teamvortexsoftware/vortex-node-22-sdk";
import { decodeProtectedHeader, jwtVerify } from "jose";
import { afterEach, describe, it, vi } from "vitest";
import { hmac, toBase64Url, toHex } from "../../src/core/encoding";
import { deriveSigningKey, generateVortexKey, parseVortexKey } from "../../src/vortex/api-key";

// The vectors of the reference (§4), checked there against SDK 0.20.0; the SDK runs in workerd, so it is also
// used directly as a cross-check.
const API_KEY = "VRTX.AAAAAAAAQACAAAAAAAAAAQ.test-secret-key-for-signing";
const KID = "00000000-0000-4000-8000-000000000001";
const SIGNING_KEY_HEX = "25b11cd8982a3681c95094a333fe994c3be733eda461c0a998fc1f8cd26d4442";
const NOW = 1_700_000_000;
const JWT_PAYLOAD =
  '{"userId":"user-1","userEmail":"test@example.com","expires":1702592000,"identifiers":[{"type":"email","value":"test@example.com"}],"adminScopes":["autojoin"],"userIsAutojoinAdmin":true,"role":"admin"}';
const TOKEN_PAYLOAD =
  '{"user":{"id":"user-1","email":"test@example.com"},"component":"comp-1","scope":"team-1","iat":1700000000,"exp":1702592000}';

const signingKey = () => deriveSigningKey("test-secret-key-for-signing", KID);
const encodedUuid = (uuid: string) =>
  toBase64Url(Uint8Array.from(uuid.replace(/-/g, "").match(/../g) ?? [], (h) => Number.parseInt(h, 16)));

const at = (seconds: number) => new Date(seconds * 1000);

afterEach(() => {
  vi.useRealTimers();
});

describe("parseVortexKey", () => {
  it("decodes the reference key, padded or not", ({ expect }) => {
    const parsed = { kid: KID, secret: "test-secret-key-for-signing" };
    expect(parseVortexKey(API_KEY)).toEqual(parsed);
    expect(parseVortexKey("VRTX.AAAAAAAAQACAAAAAAAAAAQ==.test-secret-key-for-signing")).toEqual(parsed);
  });

  it("rejects malformed keys", ({ expect }) => {
    for (const key of [
      "VRTY.AAAAAAAAQACAAAAAAAAAAQ.secret",
      "vrtx.AAAAAAAAQACAAAAAAAAAAQ.secret",
      "VRTX.AAAAAAAAQACAAAAAAAAAAQ",
      "VRTX.AAAAAAAAQACAAAAAAAAAAQ.secret.extra",
      "VRTX.AAAAAAAAQACAAAAAAAAAAQ.",
      "VRTX.AAAAAAAAQACAAAAAAAAA!Q.secret",
      "VRTX.AAAAAAAAQACAAAAAAAAAA.secret",
      "VRTX.AAAAAAAAQACAAAAAAAAAAQA.secret",
      "VRTX.AAAAAAAAQACAAAAAAAAAAQ=.secret",
      "VRTX.AAAAAAAA+ACAAAAAAAAAAQ.secret",
      "",
    ]) {
      expect(parseVortexKey(key), key).toBeNull();
    }
  });

  it("rejects UUIDs without an RFC version (1-8) and variant", ({ expect }) => {
    for (const uuid of [
      "00000000-0000-0000-8000-000000000001", // version 0
      "00000000-0000-9000-8000-000000000001", // version 9
      "00000000-0000-4000-0000-000000000001", // NCS variant
      "00000000-0000-4000-c000-000000000001", // Microsoft variant
      "00000000-0000-0000-0000-000000000000", // nil
    ]) {
      expect(parseVortexKey(`VRTX.${encodedUuid(uuid)}.secret`), uuid).toBeNull();
    }
    expect(parseVortexKey(`VRTX.${encodedUuid("00000000-0000-8000-b000-000000000001")}.s`)).not.toBeNull();
  });
});

describe("generateVortexKey", () => {
  it("round-trips through parseVortexKey with a v4 kid", async ({ expect }) => {
    const { key, kid } = generateVortexKey();
    expect(kid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(key).toMatch(/^VRTX\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}$/);
    expect(parseVortexKey(key)?.kid).toBe(kid);
    expect(generateVortexKey().kid).not.toBe(kid);
    // The SDK accepts it too: its signature carries the same kid.
    expect(new Vortex(key).sign({ id: "u" }).startsWith(`${kid}:`)).toBe(true);
  });
});

describe("deriveSigningKey", () => {
  it("matches the reference vector", async ({ expect }) => {
    expect(toHex(await signingKey())).toBe(SIGNING_KEY_HEX);
  });
});

/**
 * The SDK signs tokens offline with the key we derive (its widget sends them to Vortex's client API, which this
 * service does not serve): our derivation must be the SDK's, or the sealed signing key we keep per key would be
 * useless. Checked with jose's HS256 verification and the reference's vectors, not with code of our own.
 */
describe("the SDK's offline signers use our derived key", () => {
  it("generateJwt and generateToken verify as HS256 with it, and carry the key's kid", async ({ expect }) => {
    vi.useFakeTimers({ toFake: ["Date"], now: at(NOW) });
    const sdk = new Vortex(API_KEY);
    const jwt = sdk.generateJwt({
      user: { id: "user-1", email: "test@example.com", adminScopes: ["autojoin"] },
    });
    const token = sdk.generateToken({
      user: { id: "user-1", email: "test@example.com" },
      component: "comp-1",
      scope: "team-1",
    });
    expect(jwt.split(".")[2]).toBe("d7dv_PS44Kgb2yeH3HGU0Dw7oyMiNGsED5YZvJLQ9eM");
    expect(token.split(".")[2]).toBe("v9zncOMhSzFSI0Yihanltr_eATpNe7Bf1M7lFHBlwfg");
    const key = await signingKey();
    const verify = (t: string) => jwtVerify(t, key, { algorithms: ["HS256"], currentDate: at(NOW) });
    expect((await verify(jwt)).payload).toEqual(JSON.parse(JWT_PAYLOAD));
    expect((await verify(token)).payload).toEqual(JSON.parse(TOKEN_PAYLOAD));
    expect(decodeProtectedHeader(token).kid).toBe(KID);
    await expect(jwtVerify(token, await deriveSigningKey("other-secret", KID))).rejects.toThrow();
  });

  it("sign(user) is the hex HMAC of the canonical user under it", async ({ expect }) => {
    const user = { id: "user-1", email: "test@example.com", name: "Test" };
    const canonical = '{"name":"Test","userEmail":"test@example.com","userId":"user-1"}';
    const expected = `${KID}:${toHex(await hmac("SHA-256", await signingKey(), canonical))}`;
    expect(expected).toBe(`${KID}:755ec5a0128f7fa185a929635968e40a7a92cbd0edb50f4be419035eab42a99a`);
    expect(new Vortex(API_KEY).sign(user)).toBe(expected);
  });
});
