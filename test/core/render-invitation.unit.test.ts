import { describe, it } from "vitest";
import { gsm7Length, isGsm7 } from "../../src/core/gsm7";
import { LOCALE_CODES, type LocaleCode } from "../../src/core/locales";
import {
  type InvitationMessageInput,
  renderInvitationEmail,
  renderInvitationSms,
} from "../../src/core/render-invitation";
import { escapeHtml } from "../helpers/escape-html";

// As long as real links get: 24-character workflow id and token.
const URL_100 = `https://start.auto-doc.ai/wf_${"a".repeat(24)}?invitation_token=adi_${"b".repeat(25)}`;

function input(locale: LocaleCode, overrides: Partial<InvitationMessageInput> = {}): InvitationMessageInput {
  return {
    locale,
    organizationName: "Acme Corporation",
    workflowName: "Customer onboarding",
    recipientName: "Ana Silva",
    url: "https://start.auto-doc.ai/wf_abc?invitation_token=adi_xyz",
    expiresAt: new Date("2030-03-08T23:30:00Z"),
    ...overrides,
  };
}

describe("renderInvitationEmail", () => {
  it.for(LOCALE_CODES)("%s: names org, workflow, link and expiry", (locale, { expect }) => {
    const data = input(locale);
    const { subject, html, text } = renderInvitationEmail(data);
    const date = new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" }).format(
      data.expiresAt,
    );

    expect(subject).toContain("Acme Corporation");
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(html).toContain(`<html lang="${locale}"`);
    expect(html).toContain("Acme Corporation");
    expect(html).toContain("Customer onboarding");
    expect(html).toContain(`<a href="${data.url}"`);
    expect(html).toContain(`>${data.url}</a>`);
    expect(html).toContain(escapeHtml(date));
    expect(html).toContain("display:none");
    expect(text).toContain(data.url);
    expect(text).toContain(date);
    expect(text).toContain("Acme Corporation");
    expect(text).toContain("Customer onboarding");
    expect(text).not.toMatch(/<[a-z]/i);
  });

  it("formats the expiry date in UTC, per locale", ({ expect }) => {
    expect(renderInvitationEmail(input("en")).text).toContain("March 8, 2030");
    expect(renderInvitationEmail(input("de")).text).toContain("8. März 2030");
    expect(renderInvitationEmail(input("it")).text).toContain("L’invito scade l’8 marzo 2030.");
    const it12 = renderInvitationEmail(input("it", { expiresAt: new Date("2030-03-12T00:00:00Z") }));
    expect(it12.text).toContain("L’invito scade il 12 marzo 2030.");
    const first = { expiresAt: new Date("2030-03-01T12:00:00Z") };
    expect(renderInvitationEmail(input("it", first)).text).toContain("L’invito scade il 1º marzo 2030.");
    expect(renderInvitationEmail(input("fr", first)).text).toContain(
      "Cette invitation expire le 1er mars 2030.",
    );
    expect(
      renderInvitationEmail(input("fr", { expiresAt: new Date("2030-03-11T00:00:00Z") })).text,
    ).toContain("expire le 11 mars 2030.");
  });

  it.for(LOCALE_CODES)("%s: escapes HTML in every interpolated value", (locale, { expect }) => {
    const data = input(locale, {
      organizationName: `<script>alert("x")</script> & 'Co'`,
      workflowName: `"><img src=x onerror=alert(1)>`,
      recipientName: "<b>Eve</b>",
      url: `https://start.auto-doc.ai/wf_abc?invitation_token=adi_xyz&a="><script>`,
    });
    const { html, subject } = renderInvitationEmail(data);
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<img");
    expect(html).not.toContain("<b>");
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Co&#39;");
    expect(html).toContain("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
    expect(html).toContain(`href="${escapeHtml(data.url)}"`);
    expect(subject).toContain(data.organizationName);
  });

  it("keeps line breaks out of the subject", ({ expect }) => {
    const { subject } = renderInvitationEmail(input("en", { organizationName: "Acme\r\nBcc: x@y.z" }));
    expect(subject).not.toMatch(/[\r\n]/);
  });

  it.for(LOCALE_CODES)("%s: the greeting depends on the recipient name", (locale, { expect }) => {
    const named = renderInvitationEmail(input(locale, { recipientName: "Ana Silva" }));
    const anonymous = renderInvitationEmail(input(locale, { recipientName: null }));
    expect(named.text).toContain("Ana Silva");
    expect(anonymous.text).not.toContain("Ana Silva");
    expect(named.text.split("\n")[0]).not.toBe(anonymous.text.split("\n")[0]);
  });
});

describe("renderInvitationSms", () => {
  const nameCases: [string, Partial<InvitationMessageInput>][] = [
    ["normal names", {}],
    ["normal names, 100-char url", { url: URL_100 }],
    ["a 200-char organization", { organizationName: "Organisation ".repeat(16).slice(0, 200), url: URL_100 }],
    ["a 200-char workflow", { workflowName: "W".repeat(200), url: URL_100 }],
    [
      "two 200-char names",
      { organizationName: "O".repeat(200), workflowName: "W".repeat(200), url: URL_100 },
    ],
    ["emoji", { organizationName: "Acme 🚀 Rockets", workflowName: "Onboarding 🎉", url: URL_100 }],
    ["ção", { organizationName: "Associação São João", workflowName: "Inscrição", url: URL_100 }],
    ["Chinese", { organizationName: "阿里巴巴", workflowName: "入职流程", url: URL_100 }],
    ["extension chars", { organizationName: "Acme {EU} [1] €", workflowName: "A|B ~ C^", url: URL_100 }],
    ["typography", { organizationName: "L’Oréal – “Beauté”", workflowName: "Œuvre…", url: URL_100 }],
  ];
  const cases = LOCALE_CODES.flatMap((locale) =>
    nameCases.map(([label, overrides]) => ({ locale, label, overrides })),
  );

  it.for(cases)(
    "$locale with $label: one GSM-7 SMS with the full url",
    ({ locale, overrides }, { expect }) => {
      const data = input(locale, overrides);
      const sms = renderInvitationSms(data);
      expect(isGsm7(sms), sms).toBe(true);
      expect(gsm7Length(sms), sms).toBeLessThanOrEqual(160);
      expect(sms).toContain(data.url);
      expect(sms.endsWith(data.url)).toBe(true);
    },
  );

  it.for(LOCALE_CODES)("%s: normal names appear whole", (locale, { expect }) => {
    const sms = renderInvitationSms(input(locale));
    expect(sms).toContain("Acme Corporation");
    expect(sms).toContain('"Customer onboarding"');
    // With the longest links the organization still appears whole; the workflow gives way first.
    expect(renderInvitationSms(input(locale, { url: URL_100 }))).toContain("Acme Corporation");
  });

  it("transliterates and shortens names", ({ expect }) => {
    const accented = renderInvitationSms(input("pt", { organizationName: "Associação São João" }));
    expect(accented).toContain("Associacao Sao Joao");
    const long = renderInvitationSms(input("en", { organizationName: "O".repeat(200), url: URL_100 }));
    expect(long).toMatch(/^O+\.\.\. invited you to "Customer onboarding": /);
    const longWorkflow = renderInvitationSms(
      input("en", { workflowName: "Annual compliance questionnaire for suppliers", url: URL_100 }),
    );
    expect(longWorkflow).toBe(`Acme Corporation invited you to "Annual compliance...": ${URL_100}`);
    const chinese = renderInvitationSms(
      input("en", { organizationName: "阿里巴巴", workflowName: "入职流程" }),
    );
    expect(chinese).toBe(`Your invitation: ${input("en").url}`);
    const keepsGsmAccents = renderInvitationSms(input("de", { organizationName: "Müller & Söhne" }));
    expect(keepsGsmAccents).toContain("Müller & Söhne");
  });
});
