// Whitespace, control (C0, DEL, C1) and format (zero-width, bidi) characters are where URL parsers disagree:
// browsers and mail clients strip some of them (" javascript:…", "java\tscript:…"), so a URL carrying any is
// refused rather than interpreted.
const UNSAFE_CHARACTERS = /[\s\p{Cc}\p{Cf}]/u;

/**
 * `value` when it is an absolute http(s) URL that every parser reads alike, else null: the only kind of
 * value that may land in an `href`, `src` or `content` URL attribute. `javascript:`, `data:`, relative URLs,
 * entity tricks (`javascript&#58;…` does not parse as a URL) and values with whitespace or control
 * characters are all refused. The value itself is returned (the markup escapes it), not a re-serialization.
 */
export function safeHttpUrl(value: string): string | null {
  if (UNSAFE_CHARACTERS.test(value) || !URL.canParse(value)) return null;
  const { protocol } = new URL(value);
  return protocol === "https:" || protocol === "http:" ? value : null;
}

/** A URL we built (a recipient's link); anything but http(s) here is a configuration fault, so it throws. */
export function builtHttpUrl(value: string, what: string): string {
  const url = safeHttpUrl(value);
  if (url === null) throw new Error(`${what} is not an http(s) URL; check the origin settings.`);
  return url;
}
