import type { HtmlEscapedString } from "hono/utils/html";

/**
 * A complete HTML document from a hono/jsx element tree: `<!DOCTYPE html>` and the markup, in which every
 * text and attribute value was escaped by hono/jsx. Our components are synchronous; an asynchronous one
 * is a programming error, refused rather than rendered as "[object Promise]".
 */
export function renderHtmlDocument(element: HtmlEscapedString | Promise<HtmlEscapedString>): string {
  if (element instanceof Promise)
    throw new Error("HTML documents are rendered from synchronous components only");
  const markup: unknown = element.toString();
  if (typeof markup !== "string")
    throw new Error("HTML documents are rendered from synchronous components only");
  return `<!DOCTYPE html>\n${markup}`;
}
