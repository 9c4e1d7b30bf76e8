import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../env";
import { ApiError } from "./errors";

const JSON_MEDIA_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/**
 * The JSON APIs read only JSON bodies. A body sent under another Content-Type (or none, as `curl -d` does)
 * gets one 415 that names the header to send, before any parser calls it "not valid JSON". An empty body
 * needs no type: a DELETE or a POST without one is judged by its route.
 */
export function jsonBodiesOnly(): MiddlewareHandler<AppEnv> {
  return async function jsonBodiesOnlyMiddleware(c, next) {
    const type = c.req.header("Content-Type");
    if (c.req.raw.body !== null && !JSON_MEDIA_TYPE.test(type ?? "") && (await c.req.text()).length > 0) {
      const sent = type ? `Content-Type: ${type}` : "no Content-Type";
      throw new ApiError(
        "unsupported_media_type",
        `Request bodies are JSON: send the header Content-Type: application/json (this request sent ${sent}).`,
      );
    }
    await next();
  };
}
