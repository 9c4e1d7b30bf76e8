import { describe, it } from "vitest";
import { isAutomatedRequest } from "../../src/links/bot-detection";

const PEOPLE: [string, string][] = [
  [
    "Chrome Windows",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
  ],
  [
    "Edge Windows",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.67",
  ],
  ["Firefox Linux", "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0"],
  [
    "Safari macOS",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Safari/605.1.15",
  ],
  [
    "Safari iPhone",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Mobile/15E148 Safari/604.1",
  ],
  [
    "Chrome iPad",
    "Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/124.0.6367.88 Mobile/15E148 Safari/604.1",
  ],
  [
    "Chrome Android",
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.82 Mobile Safari/537.36",
  ],
  [
    "Samsung Internet",
    "Mozilla/5.0 (Linux; Android 13; SAMSUNG SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/24.0 Chrome/117.0.0.0 Mobile Safari/537.36",
  ],
  ["Firefox Android", "Mozilla/5.0 (Android 14; Mobile; rv:125.0) Gecko/125.0 Firefox/125.0"],
  [
    "Gmail iOS web view",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 GSA/310.0.621847700 Mobile/15E148 Safari/604.1",
  ],
  [
    "Facebook in-app",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/21E219 [FBAN/FBIOS;FBAV/460.0.0.38.108;FBBV/590000000;FBDV/iPhone15,2;FBMD/iPhone;FBSN/iOS;FBSV/17.4;FBSS/3;FBID/phone;FBLC/en_US;FBOP/5]",
  ],
  [
    "CUBOT phone",
    "Mozilla/5.0 (Linux; Android 11; CUBOT X30) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/123.0.0.0 Mobile Safari/537.36",
  ],
  [
    "Opera",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/123.0.0.0 Safari/537.36 OPR/109.0.0.0",
  ],
];

const BOTS: [string, string][] = [
  ["Slackbot", "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)"],
  ["Slack image proxy", "Slack-ImgProxy (+https://api.slack.com/robots)"],
  [
    "Teams preview",
    "Mozilla/5.0 (Windows NT 6.1; WOW64) SkypeUriPreview Preview/0.5 skype-url-preview@microsoft.com",
  ],
  [
    "MicrosoftPreview",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/96.0.4664.110 Safari/537.36 Edg/96.0.1054.62 MicrosoftPreview/2.0 +https://aka.ms/MicrosoftPreview",
  ],
  [
    "Teams client",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Teams/1.6.00.4472 Chrome/80.0.3987.165 Electron/8.5.1 Safari/537.36",
  ],
  ["Microsoft Office", "Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17328; Pro)"],
  ["ms-office", "Mozilla/4.0 (compatible; ms-office; MSOffice 16)"],
  [
    "BingPreview",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) BingPreview/1.0b",
  ],
  ["bingbot", "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)"],
  ["Safe Links", "Microsoft Safe Links Scanner/1.0"],
  ["facebookexternalhit", "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)"],
  ["Facebot", "Facebot"],
  [
    "meta-externalagent",
    "meta-externalagent/1.1 (+https://developers.facebook.com/docs/sharing/webmasters/crawler)",
  ],
  ["Twitterbot", "Twitterbot/1.0"],
  ["LinkedInBot", "LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)"],
  ["WhatsApp", "WhatsApp/2.23.20.0 A"],
  ["TelegramBot", "TelegramBot (like TwitterBot)"],
  ["Discordbot", "Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)"],
  ["Googlebot", "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"],
  ["Google-Safety", "Google-Safety"],
  [
    "GoogleImageProxy",
    "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)",
  ],
  [
    "Google-PageRenderer",
    "Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko; Google-PageRenderer Google (+https://developers.google.com/+/web/snippet/)) Chrome/56.0.2924.87 Mobile Safari/537.36",
  ],
  ["AdsBot-Google", "AdsBot-Google (+http://www.google.com/adsbot.html)"],
  ["Google-InspectionTool", "Mozilla/5.0 (compatible; Google-InspectionTool/1.0;)"],
  [
    "Applebot",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/13.1.1 Safari/605.1.15 (Applebot/0.1; +http://www.apple.com/go/applebot)",
  ],
  [
    "iMessage preview",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_11_1) AppleWebKit/601.2.4 (KHTML, like Gecko) Version/9.0.1 Safari/601.2.4 facebookexternalhit/1.1 Facebot Twitterbot/1.0",
  ],
  [
    "Skype",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/58.0 Safari/537.36 Skype/8.0",
  ],
  [
    "Viber",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Viber/20.0.0.0 Chrome/102.0 Safari/537.36",
  ],
  ["Pinterest", "Pinterest/0.2 (+https://www.pinterest.com/bot.html)"],
  ["Pinterestbot", "Mozilla/5.0 (compatible; Pinterestbot/1.0; +https://www.pinterest.com/bot.html)"],
  ["Embedly", "Mozilla/5.0 (compatible; Embedly/0.2; +http://support.embed.ly/)"],
  ["iframely", "Iframely/1.3.1 (+https://iframely.com/docs/about)"],
  ["redditbot", "Mozilla/5.0 (compatible; redditbot/1.0; +http://www.reddit.com/feedback)"],
  ["Mimecast", "Mimecast URL Protect"],
  ["Proofpoint", "Proofpoint URL Defense"],
  ["Barracuda", "Barracuda Sentinel (EE)"],
  [
    "HeadlessChrome",
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/124.0.0.0 Safari/537.36",
  ],
  ["generic crawler", "SomeCrawler/1.0"],
  ["generic spider", "Baiduspider/2.0"],
  ["generic scanner", "Mozilla/5.0 URL-Scanner"],
  ["curl", "curl/8.5.0"],
  ["wget", "Wget/1.21.4"],
  ["python-requests", "python-requests/2.31.0"],
  ["Go", "Go-http-client/2.0"],
];

describe("isAutomatedRequest", () => {
  it.for(PEOPLE)("a person: %s", ([, userAgent], { expect }) => {
    expect(isAutomatedRequest({ method: "GET", userAgent })).toBe(false);
  });

  it.for(BOTS)("automated: %s", ([, userAgent], { expect }) => {
    expect(isAutomatedRequest({ method: "GET", userAgent })).toBe(true);
  });

  it("HEAD with a browser user agent is automated", ({ expect }) => {
    const [, userAgent = ""] = PEOPLE[0] ?? [];
    expect(isAutomatedRequest({ method: "HEAD", userAgent })).toBe(true);
    expect(isAutomatedRequest({ method: "head", userAgent })).toBe(true);
  });

  it.for([null, undefined, "", "   "])("missing user agent %j is automated", (userAgent, { expect }) => {
    expect(isAutomatedRequest({ method: "GET", userAgent })).toBe(true);
  });
});
