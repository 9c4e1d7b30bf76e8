import type { MiddlewareHandler } from "hono";
import { sha256Hex } from "../core/encoding";
import { timingSafeEqualStrings } from "../core/tokens";
import { findActiveKeyByHash } from "../db/api-keys-repo";
import type { Database } from "../db/client";
import { findOrganizationBySlug } from "../db/organizations-repo";
import type { AppEnv, Principal } from "../env";
import { ApiError } from "./errors";
import { JwtRejected, jwtConfigFrom, looksLikeJwt, verifyAccessToken } from "./jwt";
import { cachedPrincipal } from "./principal-cache";

const PRIVATE_KEY_PATTERN = /^sk_(live|test)_[0-9A-Za-z]{24,64}$/;

function bearerToken(header: string | undefined): string | null {
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  return match?.[1] ?? null;
}

function unauthorized(message: string): ApiError {
  return new ApiError("unauthorized", message, {}, { "WWW-Authenticate": 'Bearer realm="api"' });
}

/** The operator API: `Authorization: Bearer <ADMIN_TOKEN>`, compared in constant time. */
export function adminAuth(): MiddlewareHandler<AppEnv> {
  return async function adminAuthMiddleware(c, next) {
    const token = bearerToken(c.req.header("Authorization"));
    const expected = c.env.ADMIN_TOKEN;
    if (!token || !expected || !(await timingSafeEqualStrings(token, expected))) {
      throw unauthorized("Missing or invalid admin token.");
    }
    c.set("operatorAuthenticated", true);
    await next();
  };
}

/** A JWT (JwtAuth) names the organization by slug and the mode in its claims. */
async function principalFromJwt(env: Env, db: Database, token: string): Promise<Principal> {
  const config = jwtConfigFrom(env);
  if (!config)
    throw unauthorized("JWT authentication is not configured on this deployment; use a private key.");
  try {
    const claims = await verifyAccessToken(token, config);
    const organization = await findOrganizationBySlug(db, claims.organizationSlug);
    if (!organization) throw unauthorized("Invalid token: unknown organization.");
    return {
      organizationId: organization.id,
      organizationSlug: organization.slug,
      organizationName: organization.name,
      defaultLocale: organization.defaultLocale,
      creationRateLimit: organization.creationRateLimit,
      livemode: claims.livemode,
      credential: { type: "jwt", subject: claims.subject },
    };
  } catch (error) {
    if (!(error instanceof JwtRejected)) throw error;
    if (error.reason === "signing keys unavailable") {
      // Our key source is down: the caller's token may be fine, so this is not their 401.
      throw new ApiError(
        "service_unavailable",
        "Token signing keys are unavailable; retry shortly.",
        {},
        { "Retry-After": "5" },
      );
    }
    throw unauthorized(`Invalid token: ${error.reason}.`);
  }
}

/**
 * The AutoDoc API: `Authorization: Bearer sk_live_…|sk_test_…` (PrivateKey) or a signed JWT (JwtAuth).
 * Either selects the organization and live or test mode.
 */
export function privateKeyAuth(): MiddlewareHandler<AppEnv> {
  return async function privateKeyAuthMiddleware(c, next) {
    const token = bearerToken(c.req.header("Authorization"));
    if (!token) throw unauthorized("Send your private key as `Authorization: Bearer sk_live_…`, or a JWT.");
    if (looksLikeJwt(token)) {
      c.set("principal", await principalFromJwt(c.env, c.var.db, token));
      return next();
    }
    // A malformed key cannot exist, so it costs no D1 read.
    const hash = PRIVATE_KEY_PATTERN.test(token) ? await sha256Hex(token) : null;
    const principal = hash
      ? await cachedPrincipal(`sk:${hash}`, () => findActiveKeyByHash(c.var.db, hash))
      : null;
    if (!principal) throw unauthorized("Invalid or revoked API key.");
    c.set("principal", principal);
    await next();
  };
}
