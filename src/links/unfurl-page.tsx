import { renderHtmlDocument } from "../core/html";
import { builtHttpUrl, safeHttpUrl } from "../core/safe-url";
import { vortexFields } from "../core/vortex-fields";

export interface Unfurl {
  title: string;
  description: string;
  image: string | null;
  type: string;
  siteName: string;
  url: string;
}

/** A non-empty string field of a JSON object we stored, or undefined. */
function field(source: unknown, key: string): string | undefined {
  if (typeof source !== "object" || source === null) return undefined;
  const value: unknown = Reflect.get(source, key);
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
}

/**
 * What a link preview shows, field by field: the invitation's `unfurlConfig`, else the widget
 * configuration's `unfurlDefaults`, else text made from who invited and the organization.
 */
export function unfurlFor(input: {
  vortex: Record<string, unknown> | null;
  unfurlDefaults: Record<string, string> | null;
  organizationName: string;
  url: string;
}): Unfurl {
  const fields = vortexFields(input.vortex);
  const pick = (key: string) => field(fields.unfurlConfig, key) ?? field(input.unfurlDefaults, key);
  const inviter = field(fields.inviter, "name");
  const siteName = pick("siteName") ?? input.organizationName;
  return {
    title:
      pick("title") ?? (inviter ? `${inviter} invited you to ${siteName}` : `You're invited to ${siteName}`),
    description:
      pick("description") ?? `${inviter ?? siteName} sent you an invitation. Open the link to accept it.`,
    image: pick("image") ?? null,
    type: pick("type") ?? "website",
    siteName,
    url: input.url,
  };
}

type MetaTag = readonly [attribute: "property" | "name", key: string, value: string];

/**
 * The way on for a person whose browser was taken for a preview bot: an ordinary link to where a person's
 * click is redirected, with a short sentence before it, in the invitation's language.
 */
export interface PersonLink {
  href: string;
  prompt: string;
  label: string;
}

/**
 * The page preview bots read: Open Graph and Twitter card tags, every value escaped by hono/jsx. Its body
 * shows the title and description and, when there is one, the person's link (`personLink`): a person
 * misdetected as a bot is not stranded on a preview.
 */
export function renderUnfurlPage(unfurl: Unfurl, locale: string, personLink: PersonLink | null): string {
  const url = builtHttpUrl(unfurl.url, "The short link");
  // Stored input was validated as https, but only a URL that is one now may become og:image.
  const image = unfurl.image === null ? null : safeHttpUrl(unfurl.image);
  const ogImage: MetaTag[] = image ? [["property", "og:image", image]] : [];
  const twitterImage: MetaTag[] = image ? [["name", "twitter:image", image]] : [];
  // Built from the validated landing URL; a link that is not plainly http(s) now is left out, not written.
  const personHref = personLink === null ? null : safeHttpUrl(personLink.href);
  const tags: MetaTag[] = [
    ["name", "description", unfurl.description],
    ["property", "og:title", unfurl.title],
    ["property", "og:description", unfurl.description],
    ["property", "og:type", unfurl.type],
    ["property", "og:site_name", unfurl.siteName],
    ["property", "og:url", url],
    ...ogImage,
    ["name", "twitter:card", image ? "summary_large_image" : "summary"],
    ["name", "twitter:title", unfurl.title],
    ["name", "twitter:description", unfurl.description],
    ...twitterImage,
  ];
  return renderHtmlDocument(
    <html lang={locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{unfurl.title}</title>
        {tags.map(([attribute, key, value]) =>
          attribute === "property" ? (
            <meta key={key} property={key} content={value} />
          ) : (
            <meta key={key} name={key} content={value} />
          ),
        )}
      </head>
      <body>
        <h1>{unfurl.title}</h1>
        <p>{unfurl.description}</p>
        {personLink === null || personHref === null ? null : (
          <p>
            {personLink.prompt} <a href={personHref}>{personLink.label}</a>
          </p>
        )}
      </body>
    </html>,
  );
}
