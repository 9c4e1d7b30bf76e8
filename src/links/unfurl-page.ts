import { escapeHtml } from "../core/html";

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
  const config = input.vortex?.unfurlConfig;
  const pick = (key: string) => field(config, key) ?? field(input.unfurlDefaults, key);
  const inviter = field(input.vortex?.inviter, "name");
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

/** The page preview bots read: Open Graph and Twitter card tags, every value escaped. */
export function renderUnfurlPage(unfurl: Unfurl, locale: string): string {
  const meta = (attribute: "property" | "name", key: string, value: string) =>
    `<meta ${attribute}="${key}" content="${escapeHtml(value)}">`;
  const tags = [
    meta("name", "description", unfurl.description),
    meta("property", "og:title", unfurl.title),
    meta("property", "og:description", unfurl.description),
    meta("property", "og:type", unfurl.type),
    meta("property", "og:site_name", unfurl.siteName),
    meta("property", "og:url", unfurl.url),
    ...(unfurl.image ? [meta("property", "og:image", unfurl.image)] : []),
    meta("name", "twitter:card", unfurl.image ? "summary_large_image" : "summary"),
    meta("name", "twitter:title", unfurl.title),
    meta("name", "twitter:description", unfurl.description),
    ...(unfurl.image ? [meta("name", "twitter:image", unfurl.image)] : []),
  ];
  return `<!DOCTYPE html>
<html lang="${escapeHtml(locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(unfurl.title)}</title>
${tags.join("\n")}
</head>
<body>
<h1>${escapeHtml(unfurl.title)}</h1>
<p>${escapeHtml(unfurl.description)}</p>
</body>
</html>
`;
}
