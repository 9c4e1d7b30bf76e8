// One case-insensitive pass over the User-Agent: this runs on every link open, so no per-bot loop.
// Sources of automated opens, in order: generic crawler words (`(?<!cu)` spares CUBOT phones), link
// previews in chat apps, Microsoft 365 / Outlook scanners, social networks, Google and Apple fetchers,
// e-mail security gateways, headless browsers, and HTTP libraries.
// Command-line tools and HTTP libraries (curl, wget, python-requests…) count as automated: a person opening
// an e-mailed or texted link always does it in a browser or an app's web view, never with these.
const AUTOMATED_USER_AGENT = new RegExp(
  [
    "(?<!cu)bot\\b",
    "crawl",
    "spider",
    "scanner",
    "preview",
    "slurp",
    "slack-imgproxy",
    "teams\\/",
    "microsoft office",
    "ms-office",
    "msoffice",
    "safe ?links",
    "facebookexternalhit",
    "facebot",
    "meta-external",
    "whatsapp",
    "skype",
    "viber",
    "pinterest\\/\\d",
    "embedly",
    "iframely",
    "google-",
    "googleimageproxy",
    "mimecast",
    "proofpoint",
    "barracuda",
    "headless",
    "phantomjs",
    "curl\\/",
    "wget",
    "python",
    "aiohttp",
    "go-http-client",
    "java\\/",
    "okhttp",
    "apache-httpclient",
    "libwww",
    "node-fetch",
    "axios\\/",
  ].join("|"),
  "i",
);

/** True for requests that must not count as a person opening the link: HEAD, empty user agent, link scanners and preview bots. */
export function isAutomatedRequest(request: {
  method: string;
  userAgent: string | null | undefined;
}): boolean {
  // Browsers always GET a link they open; HEAD only comes from checkers that probe it.
  if (request.method.toUpperCase() === "HEAD") return true;
  const userAgent = request.userAgent?.trim();
  if (!userAgent) return true;
  return AUTOMATED_USER_AGENT.test(userAgent);
}
