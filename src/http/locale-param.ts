import { z } from "@hono/zod-openapi";
import { isLocaleCode, LOCALE_CODES, type LocaleCode } from "../core/locales";
import { ApiError } from "./errors";

/** A language tag as a request names it; RFC 5646 asks tools to take tags of at least 35 characters. */
export function localeTag(description: string, example: string) {
  return z.string().min(1).max(35).openapi({ example, description });
}

/** A locale the caller asked for, or a 400 `unsupported_locale` that lists what is supported. */
export function requireLocale(value: string): LocaleCode {
  if (isLocaleCode(value)) return value;
  throw new ApiError(
    "unsupported_locale",
    `Locale "${value}" is not supported. Use one of: ${LOCALE_CODES.join(", ")} (GET /v1/autodoc/invitations/locales).`,
    { param: "locale", supported: [...LOCALE_CODES] },
  );
}
