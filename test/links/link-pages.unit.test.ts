import { describe, it } from "vitest";
import { LOCALE_CODES, messagesFor } from "../../src/core/locales";
import { renderLinkPage } from "../../src/links/link-pages";
import { escapeHtml } from "../helpers/escape-html";

describe("renderLinkPage", () => {
  const KINDS = ["expired", "withdrawn", "declined", "not_found"] as const;
  const cases = LOCALE_CODES.flatMap((locale) => KINDS.map((kind) => ({ kind, locale })));
  const titleOf = (kind: (typeof KINDS)[number], locale: (typeof LOCALE_CODES)[number]) => {
    const { linkPages } = messagesFor(locale);
    return kind === "not_found" ? linkPages.notFound.title : linkPages[kind].title;
  };

  it.for(cases)("$kind in $locale", ({ kind, locale }, { expect }) => {
    const html = renderLinkPage(kind, locale);
    const page = { title: titleOf(kind, locale) };
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

  it.for(LOCALE_CODES)("gives each reason its own title and words in %s", (locale, { expect }) => {
    const titles = KINDS.map((kind) => titleOf(kind, locale));
    expect(new Set(titles).size).toBe(KINDS.length);
    const pages = KINDS.map((kind) => renderLinkPage(kind, locale, "Acme"));
    expect(new Set(pages).size).toBe(KINDS.length);
    for (const kind of ["withdrawn", "declined"] as const) {
      expect(renderLinkPage(kind, locale, "Acme")).toContain("Acme");
      expect(renderLinkPage(kind, locale, null)).not.toContain("null");
    }
  });

  it("says the sender withdrew a revoked invitation, with and without the sender's name", ({ expect }) => {
    expect(renderLinkPage("withdrawn", "en", "Acme")).toContain("Acme has withdrawn this invitation");
    expect(renderLinkPage("withdrawn", "en")).toContain("The sender has withdrawn this invitation");
    expect(renderLinkPage("declined", "en", "Acme")).toContain("This invitation was declined");
  });

  it("expired and not found differ", ({ expect }) => {
    expect(renderLinkPage("expired", "de")).toContain("Einladung abgelaufen");
    expect(renderLinkPage("not_found", "de")).toContain("Einladung nicht gefunden");
  });
});
