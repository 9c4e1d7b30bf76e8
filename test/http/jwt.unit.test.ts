import { base64url, exportSPKI, SignJWT } from "jose";
import { afterEach, beforeAll, describe, it, vi } from "vitest";
import type { JwtConfig } from "../../src/http/jwt";
import { JwtRejected, jwtConfigFrom, looksLikeJwt, verifyAccessToken } from "../../src/http/jwt";
import type { TestSigningKey } from "../helpers/jwt-keys";
import {
  AUDIENCE,
  claims,
  ISSUER,
  jwksOf,
  rawToken,
  rejectionReason,
  serveJwks,
  sign,
  signingKey,
} from "../helpers/jwt-keys";

let rsa: TestSigningKey;
let ec: TestSigningKey;
let config: JwtConfig;

beforeAll(async () => {
  rsa = await signingKey("RS256");
  ec = await signingKey("ES256");
  config = { jwks: JSON.stringify(jwksOf(rsa, ec)), issuer: ISSUER, audience: AUDIENCE };
});

afterEach(() => {
  vi.restoreAllMocks();
});

const rejection = (token: string, jwtConfig = config, now?: Date) => rejectionReason(token, jwtConfig, now);

describe("verifyAccessToken: accepted tokens", () => {
  it("accepts RS256 via an inline JWKS and maps the claims", async ({ expect }) => {
    const token = await sign(rsa, claims({ org: "acme", livemode: true, sub: "user_1" }));
    await expect(verifyAccessToken(token, config)).resolves.toEqual({
      organizationSlug: "acme",
      livemode: true,
      subject: "user_1",
    });
  });

  it("accepts ES256 via an inline JWKS; a missing sub is null", async ({ expect }) => {
    const token = await sign(ec, claims({ org: "globex", sub: undefined }));
    await expect(verifyAccessToken(token, config)).resolves.toEqual({
      organizationSlug: "globex",
      livemode: false,
      subject: null,
    });
  });

  it("fetches a remote JWKS once and reuses it for later verifications", async ({ expect }) => {
    const url = `https://idp.auto-doc.test/${crypto.randomUUID()}/jwks.json`;
    const fetchSpy = serveJwks(url, jwksOf(rsa, ec));
    const remote = { ...config, jwks: url };
    await expect(verifyAccessToken(await sign(rsa), remote)).resolves.toMatchObject({
      organizationSlug: "acme",
    });
    await expect(verifyAccessToken(await sign(ec), remote)).resolves.toMatchObject({
      organizationSlug: "acme",
    });
    expect(fetchSpy).toHaveBeenCalledTimes(1);
  });

  it("allows a plain-http JWKS on localhost", async ({ expect }) => {
    const url = `http://localhost:8787/${crypto.randomUUID()}/jwks.json`;
    serveJwks(url, jwksOf(rsa));
    await expect(verifyAccessToken(await sign(rsa), { ...config, jwks: url })).resolves.toMatchObject({
      livemode: false,
    });
  });

  it("tolerates a little clock skew", async ({ expect }) => {
    const exp = Math.floor(Date.now() / 1000);
    const token = await sign(rsa, claims({ exp }));
    await expect(verifyAccessToken(token, config, new Date((exp + 10) * 1000))).resolves.toBeDefined();
  });
});

describe("verifyAccessToken: rejected tokens", () => {
  it("rejects an expired token", async ({ expect }) => {
    const token = await sign(rsa, claims({ exp: 1_700_000_000, iat: 1_699_999_000 }));
    expect(await rejection(token, config, new Date(1_700_000_031_000))).toBe("token expired");
    await expect(verifyAccessToken(token, config, new Date(1_700_000_000_000))).resolves.toBeDefined();
  });

  it("rejects a token without exp", async ({ expect }) => {
    expect(await rejection(await sign(rsa, claims({ exp: undefined })))).toBe("missing exp claim");
  });

  it("rejects a token that is not yet valid", async ({ expect }) => {
    const nbf = Math.floor(Date.now() / 1000) + 120;
    expect(await rejection(await sign(rsa, claims({ nbf })))).toBe("token not yet valid");
  });

  it("rejects the wrong audience and the wrong issuer", async ({ expect }) => {
    expect(await rejection(await sign(rsa, claims({ aud: "https://other.test" })))).toBe("wrong audience");
    expect(await rejection(await sign(ec, claims({ iss: "https://evil.test/" })))).toBe("wrong issuer");
  });

  it("rejects alg none", async ({ expect }) => {
    expect(await rejection(rawToken({ alg: "none" }, claims()))).toBe("unsupported algorithm");
    expect(await rejection(rawToken({ alg: "none", kid: rsa.kid }, claims()))).toBe("unsupported algorithm");
  });

  it("rejects HS256 with a shared secret", async ({ expect }) => {
    const secret = new TextEncoder().encode("a-very-long-shared-secret-of-32+bytes!");
    const token = await new SignJWT(claims()).setProtectedHeader({ alg: "HS256" }).sign(secret);
    expect(await rejection(token)).toBe("unsupported algorithm");
  });

  it("rejects HS256 keyed with the RSA public key (algorithm confusion)", async ({ expect }) => {
    const publicKeyBytes = new TextEncoder().encode(await exportSPKI(rsa.publicKey));
    const token = await new SignJWT(claims())
      .setProtectedHeader({ alg: "HS256", kid: rsa.kid })
      .sign(publicKeyBytes);
    expect(await rejection(token)).toBe("unsupported algorithm");
  });

  it("rejects a key id the JWKS does not hold", async ({ expect }) => {
    const stranger = await signingKey("RS256");
    expect(await rejection(await sign(stranger))).toBe("unknown signing key");
    expect(await rejection(await sign(stranger, claims(), rsa.kid))).toBe("invalid signature");
  });

  it("rejects a tampered payload", async ({ expect }) => {
    const [header, , signature] = (await sign(rsa, claims({ org: "acme" }))).split(".");
    const forged = base64url.encode(JSON.stringify(claims({ org: "globex" })));
    expect(await rejection(`${header}.${forged}.${signature}`)).toBe("invalid signature");
  });

  it("rejects missing or mistyped custom claims", async ({ expect }) => {
    expect(await rejection(await sign(rsa, claims({ org: undefined })))).toBe("missing org claim");
    expect(await rejection(await sign(rsa, claims({ org: 42 })))).toBe("invalid org claim");
    expect(await rejection(await sign(rsa, claims({ livemode: undefined })))).toBe("missing livemode claim");
    expect(await rejection(await sign(rsa, claims({ livemode: "true" })))).toBe("invalid livemode claim");
  });

  it("rejects strings that are not JWTs", async ({ expect }) => {
    expect(await rejection("not-a-jwt")).toBe("malformed token");
    expect(await rejection("a.b.c")).toBe("malformed token");
    expect(await rejection(`sk_test_${"x".repeat(24)}`)).toBe("malformed token");
  });

  it("rejects, without leaking details, when the remote JWKS is unavailable", async ({ expect }) => {
    const url = `https://idp.auto-doc.test/${crypto.randomUUID()}/jwks.json`;
    serveJwks(url, { error: "boom" }, 500);
    expect(await rejection(await sign(rsa), { ...config, jwks: url })).toBe("signing keys unavailable");
  });
});

describe("JWKS configuration errors are deployment errors", () => {
  it("throws a plain Error for an invalid inline JWKS", async ({ expect }) => {
    for (const jwks of ["{not json", '{"nokeys":true}', "[]"]) {
      const promise = verifyAccessToken("a.b.c", { ...config, jwks });
      await expect(promise).rejects.toThrow(/JWT_JWKS/);
      await expect(promise).rejects.not.toBeInstanceOf(JwtRejected);
    }
  });

  it("refuses plain http outside localhost", async ({ expect }) => {
    await expect(
      verifyAccessToken("a.b.c", { ...config, jwks: "http://idp.example.com/jwks" }),
    ).rejects.toThrow(/https/);
  });
});

describe("looksLikeJwt", () => {
  it("tells JWTs from API keys", async ({ expect }) => {
    expect(looksLikeJwt(await sign(rsa))).toBe(true);
    expect(looksLikeJwt(rawToken({ alg: "none" }, claims()))).toBe(true);
    expect(looksLikeJwt(`sk_live_${"a".repeat(32)}`)).toBe(false);
    expect(looksLikeJwt("a.b")).toBe(false);
    expect(looksLikeJwt("a.b.c.d")).toBe(false);
    expect(looksLikeJwt("a+b.c.d")).toBe(false);
    expect(looksLikeJwt("")).toBe(false);
  });
});

describe("jwtConfigFrom", () => {
  it("is null unless all three settings are present", ({ expect }) => {
    const full = { JWT_JWKS: config.jwks, JWT_ISSUER: ISSUER, JWT_AUDIENCE: AUDIENCE };
    expect(jwtConfigFrom(full)).toEqual({ jwks: config.jwks, issuer: ISSUER, audience: AUDIENCE });
    expect(jwtConfigFrom({})).toBeNull();
    expect(jwtConfigFrom({ ...full, JWT_JWKS: undefined })).toBeNull();
    expect(jwtConfigFrom({ ...full, JWT_ISSUER: "" })).toBeNull();
    expect(jwtConfigFrom({ ...full, JWT_AUDIENCE: "  " })).toBeNull();
  });

  it("throws at config time for an unusable JWKS setting", ({ expect }) => {
    const base = { JWT_ISSUER: ISSUER, JWT_AUDIENCE: AUDIENCE };
    expect(() => jwtConfigFrom({ ...base, JWT_JWKS: "{oops" })).toThrow(/JWT_JWKS/);
    expect(() => jwtConfigFrom({ ...base, JWT_JWKS: "http://idp.example.com/jwks" })).toThrow(/https/);
    expect(jwtConfigFrom({ ...base, JWT_JWKS: "https://idp.example.com/jwks" })).not.toBeNull();
  });

  it("accepts a plain-http JWKS on localhost in development and test only", ({ expect }) => {
    const local = { JWT_ISSUER: ISSUER, JWT_AUDIENCE: AUDIENCE, JWT_JWKS: "http://localhost:9999/jwks.json" };
    for (const ENVIRONMENT of ["development", "test"]) {
      expect(jwtConfigFrom({ ...local, ENVIRONMENT })).toMatchObject({ jwks: local.JWT_JWKS });
    }
    for (const ENVIRONMENT of ["production", "staging", undefined]) {
      expect(() => jwtConfigFrom({ ...local, ENVIRONMENT })).toThrow(/https/);
    }
  });
});
