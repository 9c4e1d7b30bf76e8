import { de } from "./de";
import { en } from "./en";
import { es } from "./es";
import { fr } from "./fr";
import { it } from "./it";
import { nl } from "./nl";
import { pt } from "./pt";
import type { LocaleMessages } from "./types";

export type { InvitationNames, LocaleMessages } from "./types";

export const LOCALE_CODES = ["en", "fr", "nl", "de", "es", "it", "pt"] as const;
export type LocaleCode = (typeof LOCALE_CODES)[number];
export const DEFAULT_LOCALE: LocaleCode = "en";

const MESSAGES: Record<LocaleCode, LocaleMessages> = { en, fr, nl, de, es, it, pt };
const CODES: ReadonlySet<string> = new Set(LOCALE_CODES);

/** True when `value` is exactly one of the supported locale codes (lowercase, no region). */
export function isLocaleCode(value: string): value is LocaleCode {
  return CODES.has(value);
}

/** The supported locales, each with its name written in its own language. */
export function listLocales(): { code: LocaleCode; name: string }[] {
  return LOCALE_CODES.map((code) => ({ code, name: MESSAGES[code].languageName }));
}

/** All product texts in one language. */
export function messagesFor(code: LocaleCode): LocaleMessages {
  return MESSAGES[code];
}

/**
 * Picks the best supported locale from an Accept-Language header (q-values honoured, region subtags like
 * fr-BE map to fr), else DEFAULT_LOCALE.
 */
export function pickLocale(acceptLanguage: string | null | undefined): LocaleCode {
  if (!acceptLanguage) return DEFAULT_LOCALE;
  let best: LocaleCode | null = null;
  let bestQ = 0;
  // Ranges are scanned in header order and only a strictly higher q wins, so ties keep the sender's order.
  for (const range of acceptLanguage.split(",")) {
    const [tagPart = "", ...params] = range.split(";");
    const primary = tagPart.trim().toLowerCase().split("-")[0] ?? "";
    if (!isLocaleCode(primary)) continue;
    const q = parseQuality(params);
    if (q > bestQ) {
      best = primary;
      bestQ = q;
    }
  }
  return best ?? DEFAULT_LOCALE;
}

/** The q parameter of one range; a malformed q counts as 0 so a broken range never outranks valid ones. */
function parseQuality(params: string[]): number {
  for (const param of params) {
    const [key = "", value = ""] = param.split("=");
    if (key.trim().toLowerCase() !== "q") continue;
    const trimmed = value.trim();
    if (!/^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/.test(trimmed)) return 0;
    return Number(trimmed);
  }
  return 1;
}
