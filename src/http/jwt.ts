import type { JSONWebKeySet, JWTPayload, JWTVerifyGetKey } from "jose";
import { createLocalJWKSet, createRemoteJWKSet, errors, jwtVerify } from "jose";
import { isLocalEnvironment, isLoopbackHost } from "../config/environment";

/** Settings for accepting `Authorization: Bearer <JWT>` in place of a private API key. */
export interface JwtConfig {
  /** Either an https URL of a JWKS, or the JWKS itself as inline JSON (`{"keys":[...]}`). */
  jwks: string;
  issuer: string;
  audience: string;
}

/** What a verified token grants: the organization and mode, like a private key does. */
export interface JwtClaims {
  organizationSlug: string;
  livemode: boolean;
  subject: string | null;
}

/** A token the caller must not be let in with; `reason` is safe to show the client. */
export class JwtRejected extends Error {
  readonly reason: string;

  constructor(reason: string, options?: ErrorOptions) {
    super(`JWT rejected: ${reason}`, options);
    this.name = "JwtRejected";
    this.reason = reason;
  }
}

// HMAC is excluded on purpose: with a public JWKS it only opens the "public key as secret" attack.
const ALGORITHMS = ["RS256", "ES256"];
const CLOCK_TOLERANCE_SECONDS = 30;
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

// Module-level so a warm isolate reuses fetched keys (and jose's cooldown) across requests.
const keySets = new Map<string, JWTVerifyGetKey>();

/**
 * Reads JWT settings from env (JWT_JWKS, JWT_ISSUER, JWT_AUDIENCE); null when JWT auth is not configured (any
 * missing). A plain-http JWKS on this machine is a development convenience: refused unless ENVIRONMENT is
 * development or test.
 */
export function jwtConfigFrom(env: {
  ENVIRONMENT?: string;
  JWT_JWKS?: string;
  JWT_ISSUER?: string;
  JWT_AUDIENCE?: string;
}): JwtConfig | null {
  const jwks = env.JWT_JWKS?.trim();
  const issuer = env.JWT_ISSUER?.trim();
  const audience = env.JWT_AUDIENCE?.trim();
  if (!jwks || !issuer || !audience) return null;
  if (/^http:/i.test(jwks) && !isLocalEnvironment(env.ENVIRONMENT)) {
    throw new Error("JWT_JWKS must be an https URL (plain http only to localhost in development and test).");
  }
  // Resolving now surfaces a bad JWKS setting as a deployment error, before any client sees it.
  keySetFor(jwks);
  return { jwks, issuer, audience };
}

/** True when the bearer token looks like a JWT (three base64url segments) rather than an API key. */
export function looksLikeJwt(token: string): boolean {
  // The signature may be empty so that `alg: none` tokens get a precise rejection instead of "bad API key".
  return JWT_SHAPE.test(token);
}

/** Verifies the token and returns its claims; throws JwtRejected (with a safe, client-facing `reason`) on any failure. */
export async function verifyAccessToken(token: string, config: JwtConfig, now?: Date): Promise<JwtClaims> {
  // Outside the try: a broken JWKS setting is the operator's problem, not a rejected client.
  const keySet = keySetFor(config.jwks);
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, keySet, {
      algorithms: ALGORITHMS,
      issuer: config.issuer,
      audience: config.audience,
      requiredClaims: ["exp"],
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      currentDate: now,
    }));
  } catch (error) {
    throw new JwtRejected(reasonFor(error), { cause: error });
  }
  return claimsFrom(payload);
}

function claimsFrom(payload: JWTPayload): JwtClaims {
  const { org, livemode, sub } = payload;
  if (org === undefined) throw new JwtRejected("missing org claim");
  if (typeof org !== "string" || org === "") throw new JwtRejected("invalid org claim");
  if (livemode === undefined) throw new JwtRejected("missing livemode claim");
  if (typeof livemode !== "boolean") throw new JwtRejected("invalid livemode claim");
  return { organizationSlug: org, livemode, subject: typeof sub === "string" ? sub : null };
}

function reasonFor(error: unknown): string {
  if (error instanceof errors.JWTExpired) return "token expired";
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === "iss") return "wrong issuer";
    if (error.claim === "aud") return "wrong audience";
    if (error.claim === "nbf") return "token not yet valid";
    if (error.claim === "exp") return "missing exp claim";
    return "invalid claims";
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return "unsupported algorithm";
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) {
    return "unknown signing key";
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return "invalid signature";
  // Token parsing fails with specific JOSE errors; anything else (fetch failure, non-200, bad key set) means
  // the token may be fine but cannot be checked now.
  const keysUnavailable =
    !(error instanceof errors.JOSEError) ||
    error instanceof errors.JWKSTimeout ||
    error instanceof errors.JWKSInvalid ||
    error.code === errors.JOSEError.code;
  return keysUnavailable ? "signing keys unavailable" : "malformed token";
}

function keySetFor(jwks: string): JWTVerifyGetKey {
  const cached = keySets.get(jwks);
  if (cached) return cached;
  const keySet = /^https?:\/\//i.test(jwks) ? remoteKeySet(jwks) : localKeySet(jwks);
  keySets.set(jwks, keySet);
  return keySet;
}

function remoteKeySet(jwks: string): JWTVerifyGetKey {
  const url = new URL(jwks);
  // Plain http is only tolerable where nobody can sit between us and the key server.
  if (url.protocol !== "https:" && !isLoopbackHost(url.hostname)) {
    throw new Error("JWT_JWKS must be an https URL (http is allowed only for localhost).");
  }
  return createRemoteJWKSet(url, { cacheMaxAge: 10 * 60_000, cooldownDuration: 30_000 });
}

function localKeySet(jwks: string): JWTVerifyGetKey {
  let parsed: unknown;
  try {
    parsed = JSON.parse(jwks);
  } catch {
    throw new Error("JWT_JWKS is neither an http(s) URL nor valid JSON.");
  }
  try {
    return createLocalJWKSet(parsed as JSONWebKeySet);
  } catch (error) {
    throw new Error('JWT_JWKS must be a JSON Web Key Set: {"keys":[…]}.', { cause: error });
  }
}
