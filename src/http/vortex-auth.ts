import type { MiddlewareHandler } from "hono";
import { sha256Hex, timingSafeEqualStrings } from "../core/tokens";
import { findActiveVortexKey } from "../db/vortex-keys-repo";
import type { AppEnv } from "../env";
import { parseVortexKey } from "../vortex/api-key";
import { ApiError } from "./errors";

/**
 * The Vortex API: `x-api-key: VRTX.<kid>.<secret>`. The kid finds the key in one indexed read; the whole
 * key's hash is compared in constant time. The key selects the organization and live or test mode.
 */
export function vortexKeyAuth(): MiddlewareHandler<AppEnv> {
  return async function vortexKeyAuthMiddleware(c, next) {
    const presented = c.req.header("x-api-key")?.trim() ?? "";
    const parsed = parseVortexKey(presented);
    const found = parsed ? await findActiveVortexKey(c.var.db, parsed.kid) : null;
    if (!found || !(await timingSafeEqualStrings(await sha256Hex(presented), found.secretHash))) {
      throw new ApiError("unauthorized", "Invalid or missing API key (x-api-key).");
    }
    c.set("principal", found.principal);
    await next();
  };
}
