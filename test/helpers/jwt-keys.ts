import type { CryptoKey, JSONWebKeySet, JWK, JWTPayload } from "jose";
import { base64url, exportJWK, generateKeyPair, SignJWT } from "jose";
import { vi } from "vitest";
import type { JwtConfig } from "../../src/http/jwt";
import { JwtRejected, verifyAccessToken } from "../../src/http/jwt";

export const ISSUER = "https://idp.auto-doc.test/";
export const AUDIENCE = "https://api.auto-doc.test";

/** A signing key the way an identity provider holds it: private half for us, public JWK for the JWKS. */
export interface TestSigningKey {
  alg: "RS256" | "ES256";
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  publicJwk: JWK;
}

/** A fresh key pair; generated per test run so no key material lives in the repository. */
export async function signingKey(
  alg: "RS256" | "ES256",
  kid = `${alg}-${crypto.randomUUID()}`,
): Promise<TestSigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg, use: "sig" };
  return { alg, kid, privateKey, publicKey, publicJwk };
}

/** The JWKS as the config or a JWKS endpoint would carry it. */
export function jwksOf(...keys: TestSigningKey[]): JSONWebKeySet {
  return { keys: keys.map((key) => key.publicJwk) };
}

/** Claims a valid AutoDoc token carries; override or delete (`undefined`) any of them. */
export function claims(overrides: Record<string, unknown> = {}): JWTPayload {
  const now = Math.floor(Date.now() / 1000);
  const base: Record<string, unknown> = {
    iss: ISSUER,
    aud: AUDIENCE,
    sub: "user_123",
    iat: now,
    exp: now + 300,
    org: "acme",
    livemode: false,
    ...overrides,
  };
  return Object.fromEntries(Object.entries(base).filter(([, value]) => value !== undefined));
}

/** Signs `payload` with `key`; `kid` can be overridden to point at a key the JWKS does not hold. */
export function sign(key: TestSigningKey, payload: JWTPayload = claims(), kid = key.kid): Promise<string> {
  return new SignJWT(payload).setProtectedHeader({ alg: key.alg, kid, typ: "JWT" }).sign(key.privateKey);
}

/** A compact token assembled by hand, for headers no honest signer would produce. */
export function rawToken(header: Record<string, unknown>, payload: JWTPayload, signature = ""): string {
  const encode = (value: unknown) => base64url.encode(JSON.stringify(value));
  return `${encode(header)}.${encode(payload)}.${signature}`;
}

/** The rejection reason, or a failure message naming what was returned instead. */
export async function rejectionReason(token: string, jwtConfig: JwtConfig, now?: Date): Promise<string> {
  try {
    const result = await verifyAccessToken(token, jwtConfig, now);
    return `accepted: ${JSON.stringify(result)}`;
  } catch (error) {
    if (error instanceof JwtRejected) return error.reason;
    throw error;
  }
}

/**
 * Answers the Worker's outbound fetch of `url` with `body`, offline, and passes every other request on to
 * the fetch it found (in workerd, the provider fakes of test/setup/network.ts: background deliveries of
 * other files keep reaching them). Answers the spy, with `requests()` (fetches of `url` alone) and
 * `restore()`, which puts the fetch it found back; `vi.restoreAllMocks()` also undoes it.
 */
export function serveJwks(url: string, body: unknown, status = 200) {
  const found = globalThis.fetch;
  const previous = vi.isMockFunction(found) ? found.getMockImplementation() : undefined;
  const passOn = previous ?? found.bind(globalThis);
  let requests = 0;
  const spy = vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
    const requested = input instanceof Request ? input.url : String(input);
    if (requested !== url) return passOn(input, init);
    requests += 1;
    return Response.json(body, { status });
  });
  return Object.assign(spy, {
    requests: () => requests,
    restore: () => {
      if (previous) spy.mockImplementation(previous);
      else spy.mockRestore();
    },
  });
}
