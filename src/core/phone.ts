import { parsePhoneNumberFromString } from "libphonenumber-js/core";
// libphonenumber-js's "min" metadata without its number formats, which nothing here prints (phone-metadata-trim.ts;
// `npm install` derives it with scripts/phone-metadata.ts).
import metadata from "./phone-metadata";

/**
 * Loose international phone parsing: E.164 and readable international formats
 * (`+1 (555) 123-4567`, `0032 470 12 34 56`, `+44 20 7946 0958`) become E.164.
 * Without a country to assume, a number must carry its country code, either as `+` or as the `00` prefix
 * that most countries use for international calls. Returns null for anything that is not a possible number.
 */
export function normalizePhoneNumber(input: string): string | null {
  const trimmed = input.trim();
  if (trimmed.length === 0 || trimmed.length > 40) return null;
  if (!/^[+0-9\s().\-/]+$/.test(trimmed)) return null;
  const international = trimmed.replace(/^00/, "+");
  if (!international.startsWith("+")) return null;
  const parsed = parsePhoneNumberFromString(international, metadata);
  if (!parsed?.isPossible()) return null;
  return parsed.number;
}
