import { z } from "@hono/zod-openapi";
import { ErrorBodySchema } from "./errors";

/** A JSON body or response declaration for createRoute. */
export function jsonContent<T extends z.ZodType>(schema: T, description: string) {
  return { content: { "application/json": { schema } }, description };
}

/** A required JSON request body. */
export function jsonBody<T extends z.ZodType>(schema: T, description: string) {
  return { ...jsonContent(schema, description), required: true };
}

const ERROR_DESCRIPTIONS = {
  400: "Invalid request: `invalid_json`, `validation_error` (with `details`) or `unsupported_locale`.",
  401: "`unauthorized`: missing, invalid or revoked credentials.",
  403: "`forbidden`: these credentials may not do this (e.g. usage with a test key).",
  404: "`not_found`: no such object for this organization and mode.",
  409: "`conflict`, or for a resend `delivery_in_flight`, `recipient_engaged` or `delivery_failed`.",
  410: "`invitation_expired`: the link has expired; create a new invitation.",
  422: "`max_attempts_reached`: the invitation was sent 10 times; `limit_reached`: the organization is at a cap (e.g. webhook endpoints per mode); the message names it.",
  429: "`rate_limited` or `cooldown_active` (with `remaining_seconds`); see `Retry-After`.",
} as const;

/** The error responses a route can give, all in the one error shape. */
export function errorResponses(...statuses: (keyof typeof ERROR_DESCRIPTIONS)[]) {
  return Object.fromEntries(statuses.map((s) => [s, jsonContent(ErrorBodySchema, ERROR_DESCRIPTIONS[s])]));
}

export const SECURITY_PRIVATE_KEY = [{ privateKey: [] }];
export const SECURITY_ADMIN = [{ adminToken: [] }];

/**
 * A list response, `{object: "list", data: [...]}`, the shape of every list in both APIs' operator and
 * AutoDoc routes (pages add `hasMore`).
 */
export function listOf<T extends z.ZodType>(item: T) {
  return z.object({ object: z.literal("list"), data: z.array(item) });
}

/** A page's `limit` query parameter, the same rule and the same words on every list. */
export function pageLimit(max = 100, byDefault = 20) {
  const rule = `must be an integer from 1 to ${max}`;
  return z.coerce
    .number({ error: rule })
    .int(rule)
    .min(1, rule)
    .max(max, rule)
    .default(byDefault)
    .openapi({ example: byDefault, description: `1 to ${max}; ${byDefault} when absent.` });
}
