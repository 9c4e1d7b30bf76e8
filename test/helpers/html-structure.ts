// Reads rendered HTML with the runtime's own HTML parser (HTMLRewriter, lol-html), so that tests judge the
// structure a browser or mail client would build, not substrings.

export interface ParsedElement {
  tag: string;
  attributes: [name: string, value: string][];
}

/** Every element of `html`, in document order, with its attributes (values decoded from our escapes). */
export async function parseElements(html: string): Promise<ParsedElement[]> {
  const elements: ParsedElement[] = [];
  await new HTMLRewriter()
    .on("*", {
      element(element) {
        const attributes = [...element.attributes].map(([name = "", value = ""]): [string, string] => [
          name,
          decode(value),
        ]);
        elements.push({ tag: element.tagName, attributes });
      },
    })
    .transform(new Response(html))
    .text();
  return elements;
}

/** The document's shape: each element as `tag[attribute names]`. Equal shapes mean nothing was injected. */
export async function shapeOf(html: string): Promise<string[]> {
  return (await parseElements(html)).map((e) => `${e.tag}[${e.attributes.map(([name]) => name).join(" ")}]`);
}

/** Every attribute value that a browser or a preview bot treats as a URL: href, src…, og:url, og:image, twitter:image. */
export async function urlAttributeValues(html: string): Promise<string[]> {
  const values: string[] = [];
  for (const element of await parseElements(html)) {
    for (const [name, value] of element.attributes) {
      if (["href", "src", "action", "formaction", "background", "poster"].includes(name)) values.push(value);
      if (name === "content" && /^(?:og|twitter):(?:url|image)$/.test(attribute(element, "property", "name")))
        values.push(value);
    }
  }
  return values;
}

/**
 * URL attribute values with a script-capable scheme, in any case and after the whitespace and controls that
 * browsers strip. (Text attributes such as og:title may carry the words "javascript:…": they are shown as text.)
 */
export async function scriptUrls(html: string): Promise<string[]> {
  return (await urlAttributeValues(html)).filter((value) =>
    /^(?:javascript|vbscript|data):/i.test(value.replace(/[\s\p{Cc}]/gu, "")),
  );
}

function attribute(element: ParsedElement, ...names: string[]): string {
  return element.attributes.find(([name]) => names.includes(name))?.[1] ?? "";
}

/** The five escapes hono/jsx writes; anything else stays as written (so `&amp;#106;` decodes to `&#106;`). */
function decode(value: string): string {
  return value.replace(/&(?:amp|lt|gt|quot|#39);/g, (entity) =>
    entity === "&amp;"
      ? "&"
      : entity === "&lt;"
        ? "<"
        : entity === "&gt;"
          ? ">"
          : entity === "&quot;"
            ? '"'
            : "'",
  );
}
