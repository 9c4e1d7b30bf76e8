/**
 * The e-mail template language of a widget configuration: plain text with `{{name}}` placeholders.
 *
 * What a placeholder without a value becomes is defined, so an e-mail never shows a blank word:
 * - `{{name|fallback text}}` gives its own fallback, used when `name` has no value;
 * - `teamName`, `groupName` and `scopeName` fall back to the name of the scope the invitation joins;
 * - a placeholder still without a value takes its whole sentence out (the text from the previous `.`, `!`, `?`
 *   or line break to the next), and a template left with nothing is replaced by the default.
 * A value is never expanded itself: a `{{…}}` inside a variable stays as typed.
 */

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_.-]+)\s*(?:\|([^{}]*))?\}\}/g;

/** The names that mean "the scope the invitation joins" when the caller sent no value of their own. */
export const SCOPE_NAME_ALIASES = ["teamName", "groupName", "scopeName"] as const;

/** Private-use characters mark where a value goes, or where none could: no template or value may hold them. */
const MISSING = "\uE000";
const VALUE_OPEN = "\uE001";
const VALUE_CLOSE = "\uE002";
const MARKERS = /[\uE000-\uE002]/g;
const VALUE_MARK = /\uE001(\d+)\uE002/g;

export interface TemplateValues {
  /** Values by name: the caller's template variables and the built-in ones. Empty strings count as absent. */
  values: Readonly<Record<string, string | null | undefined>>;
  /** The name of the invitation's (first) scope, for the scope-name aliases. */
  scopeName?: string | null | undefined;
}

function present(value: string | null | undefined): value is string {
  return value !== null && value !== undefined && value.trim() !== "";
}

function valueNamed(name: string, input: TemplateValues): string | undefined {
  const own = input.values[name];
  if (present(own)) return own;
  const isScopeAlias = (SCOPE_NAME_ALIASES as readonly string[]).includes(name);
  return isScopeAlias && present(input.scopeName) ? input.scopeName : undefined;
}

/**
 * The sentences of `text`, each with its end mark and the spaces after it. A sentence ends at `.`, `!` or `?`
 * followed by a space or the end (so a URL's dots do not end one), or at a line break, which it keeps.
 */
function sentences(text: string): string[] {
  return text.match(/[^\n]*?(?:[.!?]+(?:[ \t]+|(?=\n)|$)|\n|$)/g)?.filter((part) => part !== "") ?? [];
}

/**
 * The template filled in. Returns null when nothing is left of it (every sentence needed a missing value),
 * so that the caller uses its default.
 */
export function fillTemplate(template: string, input: TemplateValues): string | null {
  const values: string[] = [];
  const marked = template
    .replace(MARKERS, "")
    .replace(PLACEHOLDER, (_match, name: string, fallback?: string) => {
      const value = valueNamed(name, input) ?? (present(fallback) ? fallback.trim() : undefined);
      if (value === undefined) return MISSING;
      values.push(value.replace(MARKERS, ""));
      return `${VALUE_OPEN}${values.length - 1}${VALUE_CLOSE}`;
    });
  const filled = sentences(marked)
    .filter((sentence) => !sentence.includes(MISSING))
    .join("")
    .replace(VALUE_MARK, (_match, index: string) => values[Number(index)] ?? "");
  const trimmed = filled
    .replace(/[ \t]+$/gm, "")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
  return trimmed === "" ? null : trimmed;
}
