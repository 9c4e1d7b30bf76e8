import { raw } from "hono/html";
import { renderHtmlDocument } from "../core/html";
import { type LocaleCode, messagesFor } from "../core/locales";

// A constant: style content is not HTML text (entities are not decoded there), so it goes in unescaped.
const STYLE = raw(`
  *{box-sizing:border-box}
  html{color-scheme:light dark}
  body{margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;padding:24px;
    font-family:-apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;
    background:#f3f4f6;color:#1f2937;line-height:1.5}
  main{max-width:440px;width:100%;background:#fff;border-radius:12px;padding:32px;
    border-top:4px solid #2f5bea;box-shadow:0 1px 3px rgba(0,0,0,.08)}
  h1{margin:0 0 12px;font-size:1.375rem;line-height:1.3}
  p{margin:0 0 8px;color:#4b5563}
  @media (prefers-color-scheme:dark){
    body{background:#111827;color:#f9fafb}
    main{background:#1f2937;box-shadow:none}
    p{color:#d1d5db}
  }
`);

/** Why a link cannot be used, each with its own page (link-state.ts says which applies). */
export type LinkPageKind = "expired" | "withdrawn" | "declined" | "not_found";

/** The title and paragraphs of each page, in one language; `sender` names who to ask, when known. */
function pageText(kind: LinkPageKind, locale: LocaleCode, sender: string | null) {
  const { linkPages } = messagesFor(locale);
  switch (kind) {
    case "expired":
      return {
        title: linkPages.expired.title,
        lines: [linkPages.expired.message, linkPages.expired.nextStep(sender)],
      };
    case "withdrawn":
      return {
        title: linkPages.withdrawn.title,
        lines: [linkPages.withdrawn.message(sender), linkPages.withdrawn.nextStep(sender)],
      };
    case "declined":
      return {
        title: linkPages.declined.title,
        lines: [linkPages.declined.message, linkPages.declined.nextStep(sender)],
      };
    case "not_found":
      return { title: linkPages.notFound.title, lines: [linkPages.notFound.message] };
  }
}

/**
 * The page a recipient sees when their invitation link cannot be used: a small self-contained HTML
 * document (no external resources, kept out of search engines). `sender` names who to ask for a new
 * invitation when it is known.
 */
export function renderLinkPage(kind: LinkPageKind, locale: LocaleCode, sender: string | null = null): string {
  const { title, lines } = pageText(kind, locale, sender);
  return renderHtmlDocument(
    <html lang={locale} dir="ltr">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{title}</title>
        <style>{STYLE}</style>
      </head>
      <body>
        <main>
          <h1>{title}</h1>
          {lines.map((line) => (
            <p>{line}</p>
          ))}
        </main>
      </body>
    </html>,
  );
}
