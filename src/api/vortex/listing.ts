import { z } from "@hono/zod-openapi";
import type { Context } from "hono";

/**
 * Vortex's list responses are `{"invitations": […]}` with no room for a cursor (strict clients reject
 * unknown top-level keys), so a listing cut at its limit says so in this header instead of silently.
 */
export const TRUNCATED_HEADER = "X-Truncated";

/** The most invitations a by-scope listing renders (newest first); a scope may hold more. */
export const SCOPE_LISTING_LIMIT = 500;
/** The most open invitations GET by target renders for one invitee (newest first). */
export const TARGET_LISTING_LIMIT = 100;
/** The most autojoin invitations GET by target adds for an e-mail address's domain (newest first). */
export const AUTOJOIN_LISTING_LIMIT = 20;

/** The header as the OpenAPI document declares it on the list responses. */
export const truncatedHeaders = z.object({
  [TRUNCATED_HEADER]: z.literal("true").optional().openapi({
    description:
      "Present when the listing stopped at its limit and more invitations match (newest are listed).",
    example: "true",
  }),
});

/** The first `limit` rows of a read of `limit + 1`; flags the response when there were more. */
export function withinLimit<T>(c: Context, rows: T[], limit: number): T[] {
  if (rows.length <= limit) return rows;
  c.header(TRUNCATED_HEADER, "true");
  return rows.slice(0, limit);
}
