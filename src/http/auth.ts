import type { MiddlewareHandler } from "hono";
import { sha256Hex, timingSafeEqualStrings } from "../core/tokens";
import { findActiveKeyByHash } from "../db/api-keys-repo";
import type { AppEnv } from "../env";
import { ApiError } from "./errors";

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
    await next();
  };
}

/** The AutoDoc API: `Authorization: Bearer sk_live_…|sk_test_…`; the key selects organization and mode. */
export function privateKeyAuth(): MiddlewareHandler<AppEnv> {
  return async function privateKeyAuthMiddleware(c, next) {
    const token = bearerToken(c.req.header("Authorization"));
    if (!token) throw unauthorized("Send your private key as `Authorization: Bearer sk_live_…`.");
    // A malformed key cannot exist, so it costs no D1 read.
    const principal = PRIVATE_KEY_PATTERN.test(token)
      ? await findActiveKeyByHash(c.var.db, await sha256Hex(token))
      : null;
    if (!principal) throw unauthorized("Invalid or revoked API key.");
    c.set("principal", principal);
    await next();
  };
}
