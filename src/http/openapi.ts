import type { z } from "@hono/zod-openapi";
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
  404: "`not_found`: no such object for this organization and mode.",
  409: "`conflict`: the object already exists or is in a state that forbids this.",
  429: "`rate_limited`: too many requests; see `Retry-After`.",
} as const;

/** The error responses a route can give, all in the one error shape. */
export function errorResponses(...statuses: (keyof typeof ERROR_DESCRIPTIONS)[]) {
  return Object.fromEntries(statuses.map((s) => [s, jsonContent(ErrorBodySchema, ERROR_DESCRIPTIONS[s])]));
}

export const SECURITY_PRIVATE_KEY = [{ privateKey: [] }];
export const SECURITY_ADMIN = [{ adminToken: [] }];
