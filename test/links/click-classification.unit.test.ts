import { describe, it } from "vitest";
import { type ClickSignals, classifyClick } from "../../src/links/bot-detection";
import { SCANNER_NETWORKS } from "../../src/links/scanner-networks";

const CHROME =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";
/** A residential network: Comcast, as Cloudflare names it. */
const HOME = { asn: 7922, asOrganization: "Comcast Cable Communications, LLC" };

const click = (signals: Partial<ClickSignals>) =>
  classifyClick({ method: "GET", userAgent: CHROME, ...HOME, ...signals });
const automated = (reason: string) => ({ by: "automated", reason });

describe("classifyClick: who clicked a recipient's link", () => {
  it("a browser's GET from a home network is a person", ({ expect }) => {
    expect(click({})).toEqual({ by: "person" });
    // Without network facts (a request Cloudflare did not annotate) the user agent decides.
    expect(classifyClick({ method: "GET", userAgent: CHROME })).toEqual({ by: "person" });
  });

  it("head: a HEAD request, whatever the rest says", ({ expect }) => {
    expect(click({ method: "HEAD" })).toEqual(automated("head"));
    expect(click({ method: "head", userAgent: "Mimecast URL Protect", asn: 30031 })).toEqual(
      automated("head"),
    );
  });

  it.for([null, undefined, "", "   "])("no_user_agent: user agent %j", (userAgent, { expect }) => {
    expect(click({ userAgent })).toEqual(automated("no_user_agent"));
  });

  it.for([
    `${CHROME} Mimecast`,
    "Mimecast URL Protect",
    `${CHROME} Proofpoint`,
    "Barracuda Sentinel (EE)",
    `${CHROME} SafeLinks`,
    "Microsoft Safe Links Scanner/1.0",
  ])("mail_security_agent: %s", (userAgent, { expect }) => {
    expect(click({ userAgent })).toEqual(automated("mail_security_agent"));
  });

  it.for([
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Teams/1.6.00.4472 Chrome/80.0.3987.165 Electron/8.5.1 Safari/537.36",
    "Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17328; Pro)",
    "Mozilla/4.0 (compatible; ms-office; MSOffice 16)",
    "Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; Microsoft Outlook 16.0.5408; MSOffice 16)",
    `${CHROME} Skype/8.0`,
    `${CHROME} Viber/20.0.0.0`,
  ])("link_preview_agent (isbot misses it): %s", (userAgent, { expect }) => {
    expect(click({ userAgent })).toEqual(automated("link_preview_agent"));
  });

  it.for([
    "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
    "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
    "WhatsApp/2.23.20.0 A",
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/124.0.0.0 Safari/537.36",
    "curl/8.5.0",
    "python-requests/2.31.0",
  ])("known_bot (isbot): %s", (userAgent, { expect }) => {
    expect(click({ userAgent })).toEqual(automated("known_bot"));
  });

  it.for([...SCANNER_NETWORKS])("security_network: a browser from AS%i (%s)", ([asn], { expect }) => {
    expect(click({ asn, asOrganization: "Anything" })).toEqual(automated("security_network"));
  });

  it.for([
    "Proofpoint, Inc.",
    "PROOFPOINT-ASN-US-WEST",
    "Mimecast Services Limited",
    "Barracuda Networks Inc.",
  ])("security_network: a browser from a network registered to %j", (asOrganization, { expect }) => {
    expect(click({ asn: 64_512, asOrganization })).toEqual(automated("security_network"));
  });

  it("a cloud's other networks and names are not scanners by name alone", ({ expect }) => {
    expect(click({ asn: 8068, asOrganization: "Microsoft Corporation" })).toEqual({ by: "person" });
    expect(click({ asn: 16591, asOrganization: "Google Fiber Inc." })).toEqual({ by: "person" });
    // A word that merely contains a vendor's name is not it.
    expect(click({ asOrganization: "Barracudas Swim Club" })).toEqual({ by: "person" });
  });

  it("tells the most specific reason when several apply", ({ expect }) => {
    // A mail gateway's name wins over isbot's generic match and over its network.
    expect(click({ userAgent: "Mimecast URL Protect", asn: 30031 })).toEqual(
      automated("mail_security_agent"),
    );
    // A preview app's user agent from a scanning cloud is still told as the preview.
    expect(click({ userAgent: `${CHROME} Skype/8.0`, asn: 8075 })).toEqual(automated("link_preview_agent"));
    // A known bot inside Google's network is a bot first.
    expect(click({ userAgent: "Mozilla/5.0 (compatible; Googlebot/2.1)", asn: 15169 })).toEqual(
      automated("known_bot"),
    );
  });
});
