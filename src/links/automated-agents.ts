/**
 * User agents that fetch a recipient's link on their own but that isbot (the well-kept list that
 * bot-detection.ts also asks) does not recognise, because they present themselves as a browser.
 * Everything else the old hand-written list named (crawlers, Slack, Facebook, WhatsApp, Pinterest,
 * Embedly, iframely, Google's fetchers, headless browsers, curl, wget, python, Go, Java, okhttp,
 * node-fetch, axios…) isbot already matches in the user agents those clients really send;
 * test/links/bot-detection.unit.test.ts keeps a sample of each.
 */

/**
 * Mail-security gateways by name: isbot matches their bare scanner user agents ("Mimecast URL Protect"),
 * not their name appended to a browser's. Named here so that the click is recorded as a mail-security
 * check, whatever the rest of the user agent says.
 */
const MAIL_SECURITY_AGENTS = [
  "mimecast",
  "proofpoint",
  "barracuda",
  // Defender for Office 365 Safe Links, when it names itself.
  "safe ?links",
];

/**
 * Apps that fetch a link to preview it, with a browser-shaped user agent isbot takes for a person. A person
 * who clicks a link in any of them opens it in a browser (or a browser's web view), whose user agent does
 * not carry the app's name.
 */
const LINK_PREVIEW_AGENTS = [
  // The Teams desktop client (Electron) unfurls links pasted into a chat: "… Teams/1.6.00.4472 Chrome/…".
  "teams\\/",
  // Outlook and the other Office apps fetch a link before handing it to the browser:
  // "Microsoft Office/16.0 (…; Microsoft Outlook …)", "Mozilla/4.0 (compatible; ms-office; MSOffice 16)".
  "microsoft office",
  "ms-office",
  "msoffice",
  // Skype's and Viber's desktop clients preview links with their own Electron user agent.
  "skype\\/",
  "viber\\/",
];

const pattern = (words: string[]) => new RegExp(words.join("|"), "i");

/** One case-insensitive pass each: they run on every link click. */
export const MAIL_SECURITY_AGENT = pattern(MAIL_SECURITY_AGENTS);
export const LINK_PREVIEW_AGENT = pattern(LINK_PREVIEW_AGENTS);
