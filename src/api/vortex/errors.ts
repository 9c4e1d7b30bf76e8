import type { Context } from "hono";
import type { AppEnv } from "../../env";
import { ApiError, classifyError } from "../../http/errors";

/**
 * Vortex's error shape, `{"error": "<message>"}` with a non-2xx status: Python and Ruby clients read
 * `error`, the others show the raw text. Same status codes as the AutoDoc dialect.
 */
export function vortexError(err: Error, c: Context<AppEnv>): Response {
  const error = classifyError(err, c);
  c.set("errorCode", error.code);
  return c.json({ error: error.message }, error.status, error.headers);
}

/** Answers the app gives before any Vortex route runs (no such route, body too large) speak Vortex there too. */
export function isVortexPath(path: string): boolean {
  return path === "/api/v1" || path.startsWith("/api/v1/");
}

export function vortexNotFound(c: Context<AppEnv>): Response {
  return vortexError(new ApiError("not_found", `No route for ${c.req.method} ${c.req.path}.`), c);
}
