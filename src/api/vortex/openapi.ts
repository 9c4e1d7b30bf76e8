import { z } from "@hono/zod-openapi";
import { jsonContent } from "../../http/openapi";

/** Vortex's error shape: Python and Ruby clients read `error`, the others show the raw text. */
export const VortexErrorSchema = z
  .object({ error: z.string().openapi({ example: "Invitation 0b1e8d2c-… not found." }) })
  .openapi("VortexError");

/** Every Vortex route's tag and credentials. */
export const VORTEX_ROUTE = { tags: ["Vortex"], security: [{ vortexApiKey: [] }] };

type MoreStatuses = 403 | 404 | 409 | 410 | 422 | 429;

/**
 * The error answers of a Vortex route, all `{"error": "<message>"}` with the AutoDoc dialect's status codes:
 * 400 and 401 on every route, and those the route can give besides, each described for that route.
 */
export function vortexErrors(more: Partial<Record<MoreStatuses, string>> = {}) {
  const descriptions: Record<string, string> = {
    400: "Invalid request; the message names what is wrong",
    401: "Invalid or missing API key (`x-api-key`)",
    ...more,
  };
  return Object.fromEntries(
    Object.entries(descriptions).map(([status, description]) => [
      status,
      jsonContent(VortexErrorSchema, description),
    ]),
  );
}
