import type { MiddlewareHandler } from "hono";
import { sha256Hex } from "../core/encoding";
import { timingSafeEqualStrings } from "../core/tokens";
import { findActiveVortexKey } from "../db/vortex-keys-repo";
import type { AppEnv } from "../env";
import { parseVortexKey } from "../vortex/api-key";
import { ApiError } from "./errors";
import { cachedPrincipal } from "./principal-cache";

/**
 * The Vortex API: `x-api-key: VRTX.<kid>.<secret>`. The kid finds the key in one indexed read; the whole
 * key's hash is compared in constant time. The key selects the organization and live or test mode.
 */
export function vortexKeyAuth(): MiddlewareHandler<AppEnv> {
  return async function vortexKeyAuthMiddleware(c, next) {
    const presented = c.req.header("x-api-key")?.trim() ?? "";
    const parsed = parseVortexKey(presented);
    const hash = await sha256Hex(presented);
    const principal = parsed
      ? await cachedPrincipal(`vrtx:${hash}`, async () => {
          const found = await findActiveVortexKey(c.var.db, parsed.kid);
          if (!found || !(await timingSafeEqualStrings(hash, found.secretHash))) return null;
          return {
            ...found.principal,
            credential: { type: "vortex_key", id: parsed.kid, last4: presented.slice(-4) },
          };
        })
      : null;
    if (!principal) throw new ApiError("unauthorized", "Invalid or missing API key (x-api-key).");
    c.set("principal", principal);
    await next();
  };
}
