import { describe, type ExpectStatic, it } from "vitest";
import type { LocaleCode } from "../../src/core/locales";
import { renderInvitationEmail } from "../../src/core/render-email";
import { renderVortexEmail, type VortexEmailInput } from "../../src/core/render-vortex-email";
import { safeHttpUrl } from "../../src/core/safe-url";
import type { OutboxRow } from "../../src/db/outbox-repo";
import type { VisitorStubInvitation } from "../../src/db/visitor-stub-repo";
import { renderOutboxPage, renderVisitorPlaceholder } from "../../src/dev/pages";
import { renderLinkPage } from "../../src/links/link-pages";
import { type PersonLink, renderUnfurlPage, unfurlFor } from "../../src/links/unfurl-page";
import { parseElements, scriptUrls, shapeOf, urlAttributeValues } from "../helpers/html-structure";

/** What people paste into names, templates and URLs to see what sticks. */
const HOSTILE = [
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "' onmouseover='alert(1)",
  "' onmouseover=alert(1) x='",
  "</title><script>alert(1)</script>",
  "</style><svg onload=alert(1)>",
  "javascript:alert(1)",
  "JaVaScRiPt:alert(1)",
  "&#106;avascript:alert(1)",
  "javascript&#58;alert(1)",
  "   javascript:alert(1)",
  "\u0001javascript:alert(1)",
  "java\tscript:alert(1)",
  "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
  "{{link}}",
  '<a href="{{link}}" onclick="alert(1)">{{link}}</a>',
  "<img src='{{link}}'>",
] as const;

/** Hostile values in URL fields: none may become an attribute. */
const HOSTILE_URLS = [
  "javascript:alert(1)",
  "JAVASCRIPT:alert(1)",
  " javascript:alert(1)",
  "\u0000javascript:alert(1)",
  "java\nscript:alert(1)",
  "&#106;avascript:alert(1)",
  "javascript&#58;alert(1)",
  "data:image/svg+xml,<svg onload=alert(1)>",
  "vbscript:msgbox(1)",
  "//evil.example/x",
  "/relative",
  " https://cdn.example.com/a.png",
  "https://cdn.example.com/a.png\u200b",
  "https://cdn.example.com/\ta.png",
] as const;

const LINK = "https://link.auto-doc.test/i/abc123?x=1&y=2";

/** Asserts the document has the benign shape, links only to `links`, and nothing script-capable. */
async function expectInert(expect: ExpectStatic, html: string, benign: string, links: string[]) {
  expect(await shapeOf(html)).toEqual(await shapeOf(benign));
  expect(await scriptUrls(html)).toEqual([]);
  expect([...new Set(await urlAttributeValues(html))].sort()).toEqual([...new Set(links)].sort());
  const attributes = (await parseElements(html)).flatMap((e) => e.attributes.map(([name]) => name));
  expect(attributes.filter((name) => name.startsWith("on"))).toEqual([]);
}

describe("the Vortex e-mail with hostile input", () => {
  const base: VortexEmailInput = {
    organizationName: "Acme",
    inviterName: "John",
    subjectTemplate: "{{inviterName}} invited you to {{teamName}}",
    bodyTemplate: "Join {{teamName}} at {{organizationName}}, invited by {{inviterName}}: {{link}}",
    variables: { teamName: "Platform" },
    link: LINK,
  };
  const benign = renderVortexEmail(base).html;
  const places: [string, (value: string) => VortexEmailInput][] = [
    ["the template", (value) => ({ ...base, bodyTemplate: `Join ${value} now {{teamName}}` })],
    ["the subject template", (value) => ({ ...base, subjectTemplate: value })],
    ["a template variable", (value) => ({ ...base, variables: { teamName: value } })],
    ["the inviter's name", (value) => ({ ...base, inviterName: value })],
    ["the organization's name", (value) => ({ ...base, organizationName: value })],
  ];

  for (const [place, make] of places) {
    it.for(HOSTILE)(`in ${place}: %s`, async (value, { expect }) => {
      const input = make(value);
      const email = renderVortexEmail(input);
      await expectInert(expect, email.html, benign, [LINK]);
      // The text part shows what was written, literally and unescaped; only the template's own
      // placeholders are filled, a value's "{{link}}" stays as written.
      const shown = place === "the template" ? value.replaceAll("{{link}}", LINK) : value;
      if (place !== "the subject template") expect(email.text).toContain(shown);
      else
        expect(email.subject).toBe(
          value
            .replaceAll("{{link}}", LINK)
            .replace(/[\r\n]+/g, " ")
            .trim(),
        );
      expect(email.text).not.toMatch(/&(?:lt|gt|quot|#39);/);
    });
  }

  it("puts {{link}} inside a template's attribute as text, never as a link", async ({ expect }) => {
    const email = renderVortexEmail({
      ...base,
      bodyTemplate: '<a href="{{link}}" onclick="steal()">Join</a>',
    });
    const paragraph = (await parseElements(email.html)).filter((e) => e.tag === "a");
    expect(paragraph).toHaveLength(1); // only our button
    expect(email.html).toContain(
      `&lt;a href=&quot;${LINK.replace("&", "&amp;")}&quot; onclick=&quot;steal()&quot;&gt;`,
    );
    expect(email.text).toContain(`<a href="${LINK}" onclick="steal()">Join</a>`);
  });

  it("keeps paragraphs and line breaks of a plain-text template", async ({ expect }) => {
    const email = renderVortexEmail({
      ...base,
      bodyTemplate: "One <b>\nline two\n\n\nTwo & more\r\n\r\nThree",
    });
    const paragraphs = (await parseElements(email.html)).filter((e) => e.tag === "p");
    // Three template paragraphs, the button's and the link's.
    expect(paragraphs).toHaveLength(5);
    expect(email.html).toContain("One &lt;b&gt;<br/>line two</p>");
    expect(email.html).toContain(">Two &amp; more</p>");
  });

  it.for(HOSTILE_URLS)("refuses to build an e-mail around the link %j", (link, { expect }) => {
    expect(() => renderVortexEmail({ ...base, link })).toThrow("The short link is not an http(s) URL");
  });
});

describe("the AutoDoc e-mail with hostile input", () => {
  const url = "https://start.auto-doc.test/wf_abc?invitation_token=adi_xyz";
  const base = {
    locale: "en" as LocaleCode,
    organizationName: "Acme",
    workflowName: "Onboarding",
    recipientName: "Ana",
    url,
    expiresAt: new Date("2030-03-08T12:00:00Z"),
  };
  const benign = renderInvitationEmail(base).html;
  for (const field of ["organizationName", "workflowName", "recipientName"] as const) {
    it.for(HOSTILE)(`in ${field}: %s`, async (value, { expect }) => {
      const email = renderInvitationEmail({ ...base, [field]: value });
      await expectInert(expect, email.html, benign, [url]);
      expect(email.text).toContain(value);
    });
  }

  it.for(HOSTILE_URLS)("refuses to build an e-mail around the link %j", (link, { expect }) => {
    expect(() => renderInvitationEmail({ ...base, url: link })).toThrow(
      "The invitation link is not an http(s) URL",
    );
  });
});

describe("the short link's preview page with hostile input", () => {
  const url = "https://link.auto-doc.test/i/abc123";
  const image = "https://cdn.example.com/card.png?a=1&b=2";
  const landing = "https://app.example.com/join?invitationId=inv_1&next=%2Fhome";
  const person = { href: landing, prompt: "Not taken to your invitation?", label: "Open the invitation" };
  const page = (
    unfurlConfig: Record<string, string>,
    inviter = "John",
    organizationName = "Acme",
    personLink: PersonLink | null = person,
  ) =>
    renderUnfurlPage(
      unfurlFor({
        vortex: { inviter: { name: inviter }, unfurlConfig },
        unfurlDefaults: null,
        organizationName,
        url,
      }),
      "en",
      personLink,
    );
  const benign = page({ title: "T", description: "D", type: "website", siteName: "S", image });
  for (const field of ["title", "description", "type", "siteName"] as const) {
    it.for(HOSTILE)(`in ${field}: %s`, async (value, { expect }) => {
      const html = page({
        title: "T",
        description: "D",
        type: "website",
        siteName: "S",
        image,
        [field]: value,
      });
      await expectInert(expect, html, benign, [url, image, landing]);
    });
  }

  it.for(HOSTILE)("in the inviter's and organization's names: %s", async (value, { expect }) => {
    await expectInert(expect, page({ image }, value, value), benign, [url, image, landing]);
  });

  it.for(HOSTILE)("in the person's link's sentence and label: %s", async (value, { expect }) => {
    const html = page({ image }, "John", "Acme", { href: landing, prompt: value, label: value });
    await expectInert(expect, html, benign, [url, image, landing]);
  });

  it.for(HOSTILE_URLS)("drops the image %j", async (value, { expect }) => {
    const html = page({ title: "T", description: "D", type: "website", siteName: "S", image: value });
    const withoutImage = page({ title: "T", description: "D", type: "website", siteName: "S" });
    await expectInert(expect, html, withoutImage, [url, landing]);
  });

  it.for(HOSTILE_URLS)("drops the person's link %j", async (value, { expect }) => {
    const html = page({ image }, "John", "Acme", { ...person, href: value });
    await expectInert(expect, html, page({ image }, "John", "Acme", null), [url, image]);
  });

  it("keeps a hostile locale inside the lang attribute", async ({ expect }) => {
    const html = renderUnfurlPage(
      unfurlFor({ vortex: null, unfurlDefaults: null, organizationName: "Acme", url }),
      '"><script>alert(1)</script>',
      null,
    );
    expect((await parseElements(html)).map((e) => e.tag)).not.toContain("script");
  });

  it.for(HOSTILE_URLS)("refuses to render around the page URL %j", (value, { expect }) => {
    const unfurl = unfurlFor({ vortex: null, unfurlDefaults: null, organizationName: "Acme", url: value });
    expect(() => renderUnfurlPage(unfurl, "en", null)).toThrow("The short link is not an http(s) URL");
  });
});

describe("the other pages with hostile input", () => {
  for (const kind of ["expired", "withdrawn", "declined"] as const) {
    it.for(HOSTILE)(`the ${kind}-link page's sender: %s`, async (value, { expect }) => {
      const html = renderLinkPage(kind, "en", value);
      await expectInert(expect, html, renderLinkPage(kind, "en", "Acme"), []);
    });
  }

  it.for(HOSTILE)("the development outbox: %s", async (value, { expect }) => {
    const row = (overrides: Partial<OutboxRow>): OutboxRow =>
      ({
        id: "msg_1",
        invitationToken: "adi_1",
        attempt: 1,
        livemode: false,
        channel: "email",
        fromAddress: '"Acme" <acme@auto-doc.ai>',
        toAddress: "jane@example.com",
        replyTo: null,
        subject: "Hello",
        html: "<p>Hi</p>",
        text: "Hi",
        createdAt: new Date("2030-01-01T00:00:00Z"),
        ...overrides,
      }) as OutboxRow;
    const benign = renderOutboxPage([row({}), row({ html: null })]);
    const html = renderOutboxPage([
      row({ subject: value, fromAddress: value, toAddress: value, html: value }),
      row({ html: null, text: value }),
    ]);
    await expectInert(expect, html, benign, []);
  });

  it.for(HOSTILE)("the visitor placeholder: %s", async (value, { expect }) => {
    const invitation = (text: string): VisitorStubInvitation => ({
      token: text,
      dialect: "autodoc",
      recipient: text,
      recipientName: text,
      status: "opened",
      workflowToken: text,
      organizationName: text,
    });
    await expectInert(
      expect,
      renderVisitorPlaceholder(value, value, invitation(value)),
      renderVisitorPlaceholder("wf", "adi", invitation("Jane")),
      [],
    );
    await expectInert(
      expect,
      renderVisitorPlaceholder(value, value, null),
      renderVisitorPlaceholder("wf", "adi", null),
      [],
    );
  });
});

describe("safeHttpUrl", () => {
  it.for(HOSTILE_URLS)("refuses %j", (value, { expect }) => {
    expect(safeHttpUrl(value)).toBeNull();
  });

  it("keeps an http(s) URL exactly as written", ({ expect }) => {
    for (const value of [LINK, "http://localhost:8787/i/x", "https://xn--bcher-kva.example/ä?q=\"'<>"]) {
      expect(safeHttpUrl(value)).toBe(value);
    }
  });
});
