import type { MiddlewareHandler } from "hono";
import { requestId } from "hono/request-id";
import type { AppEnv } from "../env";

/** The header every response of every host carries, and that a caller may send to name its request. */
export const REQUEST_ID_HEADER = "X-Request-Id";

/**
 * The request id of every host (the API and the link hosts alike): the caller's own `X-Request-Id` when it
 * is up to 255 word characters, `-` or `=`, else a new UUID. It is set on the response before the handler
 * runs, so redirects, pages, HEAD answers and error answers all carry it, and it is in `c.var.requestId`
 * for the error bodies and logs (http/errors.ts).
 */
export function requestIds(): MiddlewareHandler<AppEnv> {
  return requestId({ headerName: REQUEST_ID_HEADER, limitLength: 255, generator: () => crypto.randomUUID() });
}
