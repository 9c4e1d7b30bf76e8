import { describe, it } from "vitest";
import { LOCALE_CODES, messagesFor } from "../../src/core/locales";
import { renderLinkPage } from "../../src/links/link-pages";
import { escapeHtml } from "../helpers/escape-html";

describe("renderLinkPage", () => {
  const cases = LOCALE_CODES.flatMap((locale) =>
    (["expired", "not_found"] as const).map((kind) => ({ kind, locale })),
  );

  it.for(cases)("$kind in $locale", ({ kind, locale }, { expect }) => {
    const html = renderLinkPage(kind, locale);
    const { linkPages } = messagesFor(locale);
    const page = kind === "expired" ? linkPages.expired : linkPages.notFound;
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(html).toContain(`<html lang="${locale}"`);
    expect(html).toContain('<meta name="viewport"');
    expect(html).toMatch(/<meta name="robots" content="noindex"\/?>/);
    expect(html).toMatch(/<title>[^<]+<\/title>/);
    expect(html).toContain(`<h1>${escapeHtml(page.title)}</h1>`);
    // No external resources: nothing is loaded from anywhere.
    expect(html).not.toMatch(/\b(?:src|href)=|@import|url\(/);
  });

  it("tells who to ask when the sender is known, escaped", ({ expect }) => {
    const html = renderLinkPage("expired", "en", "Acme <b>&</b> Co");
    expect(html).toContain("Ask Acme &lt;b&gt;&amp;&lt;/b&gt; Co for a new invitation.");
    expect(html).not.toContain("<b>");
  });

  it("expired and not found differ", ({ expect }) => {
    expect(renderLinkPage("expired", "de")).toContain("Einladung abgelaufen");
    expect(renderLinkPage("not_found", "de")).toContain("Einladung nicht gefunden");
  });
});
