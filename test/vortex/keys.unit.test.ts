import { Vortex } from "@teamvortexsoftware/vortex-node-22-sdk";
import { afterEach, describe, it, vi } from "vitest";
import { toBase64Url, toHex } from "../../src/core/encoding";
import {
  canonicalUserJson,
  deriveSigningKey,
  generateVortexKey,
  parseVortexKey,
  tokenKid,
  userSignatureKid,
  verifyUserSignature,
  verifyVortexToken,
} from "../../src/vortex/keys";

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
const b64 = (text: string) => toBase64Url(new TextEncoder().encode(text));
const encodedUuid = (uuid: string) =>
  toBase64Url(Uint8Array.from(uuid.replace(/-/g, "").match(/../g) ?? [], (h) => Number.parseInt(h, 16)));

/** A token assembled as the SDK does: b64url(header).b64url(payload).b64url(HMAC(signingKey, "<h>.<p>")). */
async function buildToken(header: string, payload: string, key: Uint8Array): Promise<string> {
  const signed = `${b64(header)}.${b64(payload)}`;
  const mac = await crypto.subtle.sign(
    "HMAC",
    await crypto.subtle.importKey("raw", key, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]),
    new TextEncoder().encode(signed),
  );
  return `${signed}.${toBase64Url(new Uint8Array(mac))}`;
}

const jwtHeader = JSON.stringify({ iat: NOW, alg: "HS256", typ: "JWT", kid: KID });
const tokenHeader = JSON.stringify({ alg: "HS256", typ: "JWT", kid: KID });
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

describe("verifyVortexToken", () => {
  it("accepts the generateJwt vector", async ({ expect }) => {
    const token = await buildToken(jwtHeader, JWT_PAYLOAD, await signingKey());
    expect(token.split(".")[2]).toBe("d7dv_PS44Kgb2yeH3HGU0Dw7oyMiNGsED5YZvJLQ9eM");
    vi.useFakeTimers({ toFake: ["Date"], now: at(NOW) });
    const sdkJwt = new Vortex(API_KEY).generateJwt({
      user: { id: "user-1", email: "test@example.com", adminScopes: ["autojoin"] },
    });
    expect(sdkJwt).toBe(token);
    expect(tokenKid(token)).toBe(KID);
    expect(await verifyVortexToken(token, await signingKey(), at(NOW))).toEqual({
      header: JSON.parse(jwtHeader),
      payload: JSON.parse(JWT_PAYLOAD),
      expired: false,
    });
  });

  it("accepts the generateToken vector", async ({ expect }) => {
    const token = await buildToken(tokenHeader, TOKEN_PAYLOAD, await signingKey());
    expect(token.split(".")[2]).toBe("v9zncOMhSzFSI0Yihanltr_eATpNe7Bf1M7lFHBlwfg");
    vi.useFakeTimers({ toFake: ["Date"], now: at(NOW) });
    const payload = {
      user: { id: "user-1", email: "test@example.com" },
      component: "comp-1",
      scope: "team-1",
    };
    expect(new Vortex(API_KEY).generateToken(payload)).toBe(token);
    const verified = await verifyVortexToken(token, await signingKey(), at(NOW));
    expect(verified?.payload).toEqual(JSON.parse(TOKEN_PAYLOAD));
    expect(verified?.expired).toBe(false);
  });

  it("reports expiry from exp or expires without rejecting", async ({ expect }) => {
    const key = await signingKey();
    const jwt = await buildToken(jwtHeader, JWT_PAYLOAD, key);
    const token = await buildToken(tokenHeader, TOKEN_PAYLOAD, key);
    for (const t of [jwt, token]) {
      expect((await verifyVortexToken(t, key, at(1_702_591_999)))?.expired).toBe(false);
      expect((await verifyVortexToken(t, key, at(1_702_592_000)))?.expired).toBe(true);
    }
  });

  it("rejects a tampered token, a wrong key or another algorithm", async ({ expect }) => {
    const key = await signingKey();
    const [h, p, s] = (await buildToken(tokenHeader, TOKEN_PAYLOAD, key)).split(".");
    const tampered = b64(TOKEN_PAYLOAD.replace("team-1", "team-2"));
    expect(await verifyVortexToken(`${h}.${tampered}.${s}`, key)).toBeNull();
    expect(await verifyVortexToken(`${h}.${p}.${s}`, await deriveSigningKey("other-secret", KID))).toBeNull();
    expect(await verifyVortexToken(`${h}.${p}.${s}=`, key)).toBeNull();
    expect(await verifyVortexToken(`${h}.${p}`, key)).toBeNull();
    const none = await buildToken('{"alg":"none","kid":"x"}', TOKEN_PAYLOAD, key);
    expect(await verifyVortexToken(none, key)).toBeNull();
    expect(await verifyVortexToken(await buildToken(tokenHeader, "[1]", key), key)).toBeNull();
    expect(tokenKid("not a token")).toBeNull();
  });
});

describe("verifyUserSignature", () => {
  const user = { id: "user-1", email: "test@example.com", name: "Test" };
  const vector = `${KID}:755ec5a0128f7fa185a929635968e40a7a92cbd0edb50f4be419035eab42a99a`;

  it("accepts the sign vector", async ({ expect }) => {
    expect(canonicalUserJson(user)).toBe('{"name":"Test","userEmail":"test@example.com","userId":"user-1"}');
    expect(new Vortex(API_KEY).sign(user)).toBe(vector);
    expect(userSignatureKid(vector)).toBe(KID);
    expect(await verifyUserSignature(vector, user, await signingKey())).toBe(true);
  });

  it("rejects another user, a wrong key or a malformed signature", async ({ expect }) => {
    const key = await signingKey();
    expect(await verifyUserSignature(vector, { ...user, name: "Other" }, key)).toBe(false);
    expect(await verifyUserSignature(vector, user, await deriveSigningKey("other", KID))).toBe(false);
    expect(await verifyUserSignature(vector.toUpperCase(), user, key)).toBe(false);
    expect(await verifyUserSignature(vector.split(":")[1] ?? "", user, key)).toBe(false);
  });

  it("canonicalizes as the SDK does", async ({ expect }) => {
    const rich = {
      id: "u-42",
      userName: "Legacy",
      userAvatarUrl: "https://a.test/x.png",
      adminScopes: [],
      allowedEmailDomains: ["b.test"],
      email: "",
      extra: { z: 1, a: [{ y: 2, b: undefined }], when: new Date(0) },
      skipped: undefined,
    };
    expect(canonicalUserJson(rich)).toBe(
      '{"allowedEmailDomains":["b.test"],"avatarUrl":"https://a.test/x.png","extra":{"a":[{"y":2}],"when":"1970-01-01T00:00:00.000Z","z":1},"name":"Legacy","userId":"u-42"}',
    );
    const signature = new Vortex(API_KEY).sign(rich);
    expect(await verifyUserSignature(signature, rich, await signingKey())).toBe(true);
    const parsed = JSON.parse('{"id":"u","__proto__":{"x":1},"b":{"constructor":1,"k":2}}');
    expect(canonicalUserJson(parsed)).toBe('{"b":{"k":2},"userId":"u"}');
  });
});
