import { describe, it } from "vitest";
import { seedVortexTenant } from "../helpers/seed-tenant";
import { SLACKBOT, shortLinkInvitation, visit } from "../helpers/short-links";
import { createVortexTenant } from "../helpers/vortex";

/** Every `<meta property|name="…" content="…">` of a page, in order, as [key, raw attribute value]. */
function metaTags(html: string): [string, string][] {
  return [...html.matchAll(/<meta (?:property|name)="([^"]+)" content="([^"]*)"\/?>/g)].map((m) => [
    m[1] ?? "",
    m[2] ?? "",
  ]);
}

describe("the short link's preview page (Open Graph and Twitter card)", () => {
  it("renders unfurlConfig exactly, every value escaped", async ({ expect }) => {
    const tenant = await createVortexTenant();
    const invitation = await shortLinkInvitation(tenant, {
      unfurlConfig: {
        title: `<script>alert("owned")</script> & 'friends'`,
        description: `Join "Engineering" <b>today</b>`,
        image: "https://cdn.example.com/card.png?a=1&b=2",
        type: "article",
        siteName: "Acme's <Team>",
      },
    });
    const res = await visit(invitation.shortLink, { userAgent: SLACKBOT });
    expect(res.status).toBe(200);
    const html = await res.text();
    const title = "&lt;script&gt;alert(&quot;owned&quot;)&lt;/script&gt; &amp; &#39;friends&#39;";
    const description = "Join &quot;Engineering&quot; &lt;b&gt;today&lt;/b&gt;";
    const image = "https://cdn.example.com/card.png?a=1&amp;b=2";
    expect(metaTags(html)).toEqual([
      ["viewport", "width=device-width, initial-scale=1"],
      ["robots", "noindex"],
      ["description", description],
      ["og:title", title],
      ["og:description", description],
      ["og:type", "article"],
      ["og:site_name", "Acme&#39;s &lt;Team&gt;"],
      ["og:url", invitation.shortLink],
      ["og:image", image],
      ["twitter:card", "summary_large_image"],
      ["twitter:title", title],
      ["twitter:description", description],
      ["twitter:image", image],
    ]);
    expect(html).toContain(`<title>${title}</title>`);
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<b>");
  });

  it("falls back field by field to the widget configuration's unfurlDefaults", async ({ expect }) => {
    const tenant = await createVortexTenant({
      unfurlDefaults: {
        title: "Default title",
        description: "Default description",
        image: "https://cdn.example.com/default.png",
        type: "website",
        siteName: "Acme Workspace",
      },
    });
    const invitation = await shortLinkInvitation(tenant, {
      unfurlConfig: { title: "Jane's own title", type: "profile" },
    });
    const tags = new Map(metaTags(await (await visit(invitation.shortLink, { userAgent: SLACKBOT })).text()));
    expect(tags.get("og:title")).toBe("Jane&#39;s own title");
    expect(tags.get("og:type")).toBe("profile");
    expect(tags.get("og:description")).toBe("Default description");
    expect(tags.get("og:image")).toBe("https://cdn.example.com/default.png");
    expect(tags.get("og:site_name")).toBe("Acme Workspace");
    expect(tags.get("twitter:card")).toBe("summary_large_image");
  });

  it("without either, writes the text from the inviter and the organization, and no image", async ({
    expect,
  }) => {
    const tenant = await createVortexTenant();
    const invitation = await shortLinkInvitation(tenant);
    const res = await visit(invitation.shortLink, { method: "HEAD" });
    expect(res.status).toBe(200);
    const bot = await visit(invitation.shortLink, { userAgent: "Twitterbot/1.0" });
    const tags = new Map(metaTags(await bot.text()));
    expect(tags.get("og:title")).toBe("John Doe invited you to Acme Corp");
    expect(tags.get("og:description")).toBe("John Doe sent you an invitation. Open the link to accept it.");
    expect(tags.get("og:type")).toBe("website");
    expect(tags.get("og:site_name")).toBe("Acme Corp");
    expect(tags.get("og:url")).toBe(invitation.shortLink);
    expect(tags.has("og:image")).toBe(false);
    expect(tags.has("twitter:image")).toBe(false);
    expect(tags.get("twitter:card")).toBe("summary");
  });
});

describe("the preview page's way on, for a person taken for a bot", () => {
  it("links, as an ordinary <a href>, to where a person's click is redirected", async ({ expect }) => {
    const tenant = await createVortexTenant({ landingUrl: "https://app.example.com/join?ref=mail&x=1" });
    const invitation = await shortLinkInvitation(tenant);
    const person = await visit(invitation.shortLink);
    const location = person.headers.get("Location") ?? "";
    expect(location).toBe(`https://app.example.com/join?ref=mail&x=1&invitationId=${invitation.id}`);
    for (const userAgent of [SLACKBOT, SLACKBOT, "Mimecast URL Protect"]) {
      // The second is the cached page.
      const html = await (await visit(invitation.shortLink, { userAgent })).text();
      const links = [...html.matchAll(/<a href="([^"]*)">([^<]*)<\/a>/g)];
      expect(links.map((m) => [m[1], m[2]])).toEqual([
        [location.replaceAll("&", "&amp;"), "Open the invitation"],
      ]);
      expect(html).toContain("<p>Not taken to your invitation? <a href=");
    }
  });

  it("words it in the invitation's language", async ({ expect }) => {
    const tenant = await seedVortexTenant({ defaultLocale: "fr" });
    const invitation = await shortLinkInvitation(tenant);
    const html = await (await visit(invitation.shortLink, { userAgent: SLACKBOT })).text();
    expect(html).toContain("redirigé vers votre invitation");
    expect(html).toContain(">Ouvrir l’invitation</a>");
  });
});
