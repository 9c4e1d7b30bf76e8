import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv } from "../env";
import { log } from "../log";

/** Every error code the AutoDoc dialect can answer with, and its HTTP status. Codes are stable. */
export const ERROR_STATUS = {
  invalid_json: 400,
  validation_error: 400,
  unsupported_locale: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  workflow_not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  already_accepted: 409,
  delivery_in_flight: 409,
  recipient_engaged: 409,
  delivery_failed: 409,
  invitation_expired: 410,
  invitation_revoked: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  max_attempts_reached: 422,
  limit_reached: 422,
  rate_limited: 429,
  cooldown_active: 429,
  internal_error: 500,
  service_unavailable: 503,
} as const satisfies Record<string, ContentfulStatusCode>;
export type ErrorCode = keyof typeof ERROR_STATUS;

export interface FieldError {
  field: string;
  message: string;
}

/** The error every handler throws; `extra` fields (e.g. `supported`, `details`) go into the error object. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly extra: Record<string, unknown>;
  readonly headers: Record<string, string>;

  constructor(code: ErrorCode, message: string, extra: Record<string, unknown> = {}, headers = {}) {
    super(message);
    this.code = code;
    this.extra = extra;
    this.headers = headers;
  }

  get status(): ContentfulStatusCode {
    return ERROR_STATUS[this.code];
  }
}

export const ErrorBodySchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: "validation_error" }),
      message: z.string().openapi({ example: "recipient must be an e-mail address." }),
      requestId: z.string().optional(),
      details: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
    }),
  })
  .openapi("Error");

export function errorResponse(c: Context<AppEnv>, error: ApiError): Response {
  c.set("errorCode", error.code);
  const body = {
    error: { code: error.code, message: error.message, requestId: c.get("requestId"), ...error.extra },
  };
  return c.json(body, error.status, error.headers);
}

/**
 * What anything thrown while answering a request means to the caller, for every dialect: an ApiError as it
 * is; one of Hono's body-parser exceptions (an unreadable body, before any schema ran) as the 4xx it stands
 * for; anything else as our own fault, logged once here in one shape, and answered with a 500 that says so.
 * Bad input never becomes a 5xx.
 */
export function classifyError(err: Error, c: Context<AppEnv>): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof HTTPException && err.status < 500) {
    return err.status === 413
      ? new ApiError("payload_too_large", "The request body is too large.")
      : new ApiError("invalid_json", "The request body is not valid JSON.");
  }
  logInternalError(c, err);
  return new ApiError("internal_error", "Something went wrong on our side; it has been logged.");
}

/** The one log line of a request we failed: its id, method and path, and the stack. */
export function logInternalError(c: Context<AppEnv>, err: unknown): void {
  log("error", "internal_error", {
    requestId: c.get("requestId") ?? null,
    method: c.req.method,
    path: c.req.path,
    error: err instanceof Error ? String(err.stack) : String(err),
  });
}

/** The AutoDoc (and operator) API's error answer for anything thrown in a handler. */
export function handleError(err: Error, c: Context<AppEnv>): Response {
  return errorResponse(c, classifyError(err, c));
}

export function notFound(c: Context<AppEnv>): Response {
  return errorResponse(c, new ApiError("not_found", `No route for ${c.req.method} ${c.req.path}.`));
}

/** The body itself, when a rule is about the whole request rather than one field. */
export const WHOLE_BODY = "(body)";

/**
 * One bad field, said as a sentence that names it: `fieldError("limit", "must be at most 100")` is
 * "limit must be at most 100." A rule about the whole body is said as it is.
 */
export function fieldError(field: string, predicate: string): FieldError {
  // A field's name keeps its case (`limit`, `target.value`); a sentence of its own starts with a capital.
  const sentence =
    field === WHOLE_BODY ? predicate.charAt(0).toUpperCase() + predicate.slice(1) : `${field} ${predicate}`;
  return { field, message: /[.!?]$/.test(sentence) ? sentence : `${sentence}.` };
}

/** A 400 that lists every bad field in `details`, its message the fields' sentences one after another. */
export function validationError(details: FieldError[]): ApiError {
  return new ApiError("validation_error", details.map((d) => d.message).join(" "), { details });
}

/** Zod issues → `details`, one entry per bad field, in our words (src/http/validation-messages.ts). */
export function zodDetails(error: z.ZodError): FieldError[] {
  return error.issues.flatMap((issue) => {
    const path = issue.path.map(String).join(".") || WHOLE_BODY;
    if (issue.code === "unrecognized_keys") {
      const at = path === WHOLE_BODY ? "" : `${path}.`;
      return issue.keys.map((key) => fieldError(`${at}${key}`, "is not a field this request takes"));
    }
    if (issue.code === "invalid_key") {
      // The key's own rule (stated of the map: "must have keys of …") says what is wrong; zod's only that it is.
      return [fieldError(path, issue.issues.map((inner) => inner.message).join(" and "))];
    }
    return [fieldError(path, issue.message)];
  });
}
