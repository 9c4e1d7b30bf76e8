import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { AppEnv } from "../../env";
import { ApiError } from "../../http/errors";
import { log } from "../../log";

/**
 * Vortex's error shape, `{"error": "<message>"}` with a non-2xx status: Python and Ruby clients read
 * `error`, the others show the raw text. Same status codes as the AutoDoc dialect.
 */
export function vortexError(err: Error, c: Context<AppEnv>): Response {
  if (err instanceof ApiError) return c.json({ error: err.message }, err.status, err.headers);
  if (err instanceof HTTPException && err.status < 500) {
    return c.json(
      {
        error: err.status === 413 ? "The request body is too large." : "The request body is not valid JSON.",
      },
      err.status,
    );
  }
  log("error", "vortex_api_error", { requestId: c.get("requestId"), error: String(err.stack) });
  return c.json({ error: "Something went wrong on our side; it has been logged." }, 500);
}

/** Answers the app gives before any Vortex route runs (no such route, body too large) speak Vortex there too. */
export function isVortexPath(path: string): boolean {
  return path === "/api/v1" || path.startsWith("/api/v1/");
}

export function vortexNotFound(c: Context<AppEnv>): Response {
  return vortexError(new ApiError("not_found", `No route for ${c.req.method} ${c.req.path}.`), c);
}
