import { z } from "@hono/zod-openapi";
import { safeHttpUrl } from "../core/safe-url";

/** The longest URL any input takes (browsers and mail clients handle far more; our pages need no more). */
export const MAX_URL_LENGTH = 2048;

/**
 * A URL input that will land in an `href`, `src`, `content` or a redirect: zod's URL check (which lets
 * surrounding spaces, tabs and control characters through) narrowed to what the renderers accept
 * (`safeHttpUrl`), so that an accepted value is never dropped or refused later.
 */
export function webUrlSchema(scheme: "https" | "http or https") {
  const protocol = scheme === "https" ? /^https$/ : /^https?$/;
  return z
    .url({ protocol })
    .max(MAX_URL_LENGTH)
    .refine((value) => safeHttpUrl(value) !== null, {
      message: `must be an absolute ${scheme} URL, without spaces or control characters`,
    });
}
