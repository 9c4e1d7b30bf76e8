import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../env";
import { fieldError, validationError, WHOLE_BODY } from "./errors";

/** How deeply objects and arrays may nest in a request body: `{"a":{"b":1}}` is 2 levels. */
export const MAX_JSON_DEPTH = 20;

/**
 * How deeply objects and arrays nest in a JSON text (0 for a scalar), counted without parsing it, so that a
 * 64 KiB body of `[[[[…` costs one linear scan and no recursion. Brackets inside strings do not count.
 * It does not validate: malformed text gets a depth too, and the JSON parser refuses it later.
 */
export function jsonNestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (inString) {
      if (char === "\\") i += 1;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === "{" || char === "[") {
      depth += 1;
      if (depth > deepest) deepest = depth;
    } else if (char === "}" || char === "]") depth -= 1;
  }
  return deepest;
}

/**
 * Refuses JSON bodies nested deeper than `maxDepth` with a 400 before any handler parses them: a deep body
 * would otherwise be stored and later rendered (webhooks, views) by recursive code, and SQLite's JSON
 * functions stop at 1,000 levels. The text read here is the one Hono's JSON parser reads next.
 */
export function jsonDepthLimit(maxDepth = MAX_JSON_DEPTH): MiddlewareHandler<AppEnv> {
  return async function jsonDepthLimitMiddleware(c, next) {
    const type = c.req.header("Content-Type") ?? "";
    if (/json/i.test(type) && c.req.raw.body !== null) {
      const depth = jsonNestingDepth(await c.req.text());
      if (depth > maxDepth) {
        const message = `JSON bodies may nest objects and arrays at most ${maxDepth} levels deep; this one nests ${depth}.`;
        throw validationError([fieldError(WHOLE_BODY, message)]);
      }
    }
    await next();
  };
}
