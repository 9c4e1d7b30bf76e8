import { z } from "zod";

type RawIssue = Parameters<NonNullable<z.core.$ZodConfig["customError"]>>[0];

const KINDS: Record<string, string> = {
  string: "a string",
  number: "a number",
  int: "an integer",
  boolean: "true or false",
  object: "an object",
  array: "a list",
  record: "an object",
  date: "a date",
  null: "null",
};

const FORMATS: Record<string, string> = {
  email: "an e-mail address",
  url: "an absolute URL",
  uuid: "a UUID",
  datetime: "a date and time in ISO 8601, e.g. 2026-11-01T00:00:00Z",
  date: "a date in ISO 8601, e.g. 2026-11-01",
  e164: "a phone number in E.164, e.g. +15551234567",
};

const plural = (n: number | bigint, one: string) => `${n} ${one}${Number(n) === 1 ? "" : "s"}`;

/** What a number schema accepts, from its own bounds: "an integer from 1 to 100". */
function numberRange(schema: z.ZodNumber): string {
  const kind = schema.isInt ? "an integer" : "a number";
  const { minValue: min, maxValue: max } = schema;
  const bounded = (n: number | null) =>
    n !== null && Number.isFinite(n) && Math.abs(n) < Number.MAX_SAFE_INTEGER;
  if (bounded(min) && bounded(max)) return `${kind} from ${min} to ${max}`;
  if (bounded(min)) return `${kind} of at least ${min}`;
  if (bounded(max)) return `${kind} of at most ${max}`;
  return kind;
}

function sizeOf(origin: string, n: number | bigint): string {
  if (origin === "string") return plural(n, "character");
  if (origin === "array" || origin === "set") return plural(n, "item");
  if (origin === "object" || origin === "record") return plural(n, "key");
  return String(n);
}

/** The rule a value broke, said as what it must be: "is required", "must be an integer from 1 to 100". */
export function validationPhrase(issue: RawIssue): string | undefined {
  switch (issue.code) {
    case "invalid_type": {
      if (issue.input === undefined) return "is required";
      if (issue.inst instanceof z.ZodNumber) return `must be ${numberRange(issue.inst)}`;
      return `must be ${KINDS[issue.expected] ?? issue.expected}`;
    }
    case "too_small": {
      if (issue.origin === "string" && Number(issue.minimum) === 1) return "must not be empty";
      const least = issue.inclusive === false ? "more than" : "at least";
      if (issue.origin === "number" || issue.origin === "int") return `must be ${least} ${issue.minimum}`;
      return `must have ${least} ${sizeOf(issue.origin, issue.minimum)}`;
    }
    case "too_big": {
      const most = issue.inclusive === false ? "less than" : "at most";
      if (issue.origin === "number" || issue.origin === "int") return `must be ${most} ${issue.maximum}`;
      return `must have ${most} ${sizeOf(issue.origin, issue.maximum)}`;
    }
    case "invalid_format":
      return `must be ${FORMATS[issue.format] ?? `a valid ${issue.format}`}`;
    case "invalid_value":
      return issue.values.length === 1
        ? `must be ${JSON.stringify(issue.values[0])}`
        : `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    case "not_multiple_of":
      return `must be a multiple of ${issue.divisor}`;
    case "invalid_union":
      return "matches none of the shapes this field takes";
    case "custom":
      return "is not valid";
    default:
      return undefined;
  }
}

let configured = false;

/**
 * Makes every schema's default messages ours. A message a schema states itself still wins (zod's order:
 * the schema's own, then this, then zod's locale). Phrases are predicates: the field's name goes before them.
 */
export function useOurValidationMessages(): void {
  if (configured) return;
  configured = true;
  z.config({ customError: validationPhrase });
}
