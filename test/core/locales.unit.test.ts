import { describe, it } from "vitest";
import {
  DEFAULT_LOCALE,
  isLocaleCode,
  LOCALE_CODES,
  listLocales,
  messagesFor,
  pickLocale,
} from "../../src/core/locales";

const names = { organizationName: "Acme", workflowName: "Onboarding" };

/** Every message of a locale rendered to strings, labelled by path, so emptiness is checked uniformly. */
function allTexts(code: (typeof LOCALE_CODES)[number]): [string, string][] {
  const m = messagesFor(code);
  return [
    ["languageName", m.languageName],
    ["email.subject", m.email.subject(names)],
    ["email.preheader", m.email.preheader(names)],
    ["email.greetingNamed", m.email.greetingNamed("Ana")],
    ["email.greetingAnonymous", m.email.greetingAnonymous],
    ["email.body", m.email.body(names)],
    ["email.buttonLabel", m.email.buttonLabel],
    ["email.copyLink", m.email.copyLink],
    ["email.textLinkIntro", m.email.textLinkIntro],
    ["email.expiry", m.email.expiry("12 May 2030")],
    ["email.footer", m.email.footer("Acme")],
    ["sms.invitation", m.sms.invitation({ ...names, url: "https://x.test/a" })],
    ["sms.fromOrganization", m.sms.fromOrganization("Acme", "https://x.test/a")],
    ["sms.bare", m.sms.bare("https://x.test/a")],
    ["linkPages.expired.title", m.linkPages.expired.title],
    ["linkPages.expired.message", m.linkPages.expired.message],
    ["linkPages.expired.nextStep(null)", m.linkPages.expired.nextStep(null)],
    ["linkPages.expired.nextStep(sender)", m.linkPages.expired.nextStep("Acme")],
    ["linkPages.notFound.title", m.linkPages.notFound.title],
    ["linkPages.notFound.message", m.linkPages.notFound.message],
  ];
}

describe("locales", () => {
  it.for(LOCALE_CODES)("%s has every message, non-empty", (code, { expect }) => {
    for (const [path, text] of allTexts(code)) {
      expect(text.trim(), `${code} ${path}`).not.toBe("");
    }
  });

  it.for(LOCALE_CODES)("%s puts the variables into its texts", (code, { expect }) => {
    const { email, linkPages } = messagesFor(code);
    expect(email.subject(names)).toContain("Acme");
    expect(email.body(names)).toContain("Acme");
    expect(email.body(names)).toContain("Onboarding");
    expect(email.greetingNamed("Ana")).toContain("Ana");
    expect(email.expiry("12 May 2030")).toContain("12 May 2030");
    expect(email.footer("Acme")).toContain("Acme");
    expect(linkPages.expired.nextStep("Acme")).toContain("Acme");
  });

  it("lists every locale with its own name", ({ expect }) => {
    expect(listLocales()).toEqual([
      { code: "en", name: "English" },
      { code: "fr", name: "Français" },
      { code: "nl", name: "Nederlands" },
      { code: "de", name: "Deutsch" },
      { code: "es", name: "Español" },
      { code: "it", name: "Italiano" },
      { code: "pt", name: "Português" },
    ]);
  });

  it("recognises only exact locale codes", ({ expect }) => {
    expect(isLocaleCode("fr")).toBe(true);
    expect(isLocaleCode("FR")).toBe(false);
    expect(isLocaleCode("fr-BE")).toBe(false);
    expect(isLocaleCode("ja")).toBe(false);
    expect(DEFAULT_LOCALE).toBe("en");
  });
});

describe("pickLocale", () => {
  it.for([
    ["fr-BE,fr;q=0.9,en;q=0.8", "fr"],
    ["de;q=0.1, es;q=0.9", "es"],
    ["ja", "en"],
    ["", "en"],
    [null, "en"],
    [undefined, "en"],
    ["ja, nl-NL;q=0.5", "nl"],
    ["PT-br", "pt"],
    ["*", "en"],
    ["it;q=0, de;q=0.2", "de"],
    ["es;q=0.5, it;q=0.5", "es"],
    ["es;q=abc, it;q=0.3", "it"],
    ["zh-Hant-TW, de-CH ; q=0.7", "de"],
  ] as const)("%j → %s", ([header, expected], { expect }) => {
    expect(pickLocale(header)).toBe(expected);
  });
});
