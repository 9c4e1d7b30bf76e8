import { isLocaleCode, LOCALE_CODES, type LocaleCode } from "../core/locales";
import { ApiError } from "./errors";

/** A locale the caller asked for, or a 400 `unsupported_locale` that lists what is supported. */
export function requireLocale(value: string): LocaleCode {
  if (isLocaleCode(value)) return value;
  throw new ApiError(
    "unsupported_locale",
    `Locale "${value}" is not supported. Use one of: ${LOCALE_CODES.join(", ")} (GET /v1/autodoc/invitations/locales).`,
    { param: "locale", supported: [...LOCALE_CODES] },
  );
}
