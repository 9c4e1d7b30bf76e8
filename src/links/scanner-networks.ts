/**
 * Networks whose requests to a recipient's link are scanners, not people: the mail-security gateways that
 * open every link of a message on its way to the inbox (time-of-click and pre-delivery checks), and the
 * clouds those checks run in. A browser user agent from one of them is still a scanner: Safe Links,
 * URL Defense and URL Protect fetch with ordinary browser user agents.
 *
 * Each number was checked against the regional internet registries' records as compiled by
 * ipverse/as-metadata (as.csv, RIR handle and organization, 2026); the handle is in each comment. Look a
 * number up again before adding one (the RIR whois, e.g. `whois -h whois.arin.net AS8075`), and never add
 * a residential or mobile network, or a VPN or relay (iCloud Private Relay exits through Akamai,
 * Cloudflare and Fastly): people browse through those.
 *
 * The cost of a false match: a person on one of these networks (an employee on Microsoft's or Google's own
 * network, a Windows 365 Cloud PC in Azure) counts as automated, so their click does not move the
 * invitation to `opened`; their visitor-app events still do.
 */
export const SCANNER_NETWORKS: ReadonlyMap<number, string> = new Map([
  // MICROSOFT-CORP-MSN-AS-BLOCK, Microsoft Corporation: Azure, where Defender for Office 365 Safe Links
  // detonates the links of incoming mail.
  [8075, "Microsoft"],
  // GOOGLE, Google LLC: Gmail's link and attachment checks and Google's own fetchers.
  [15169, "Google"],
  // GOOGLE-CLOUD-PLATFORM, Google LLC: scanners hosted on Google Cloud.
  [396982, "Google Cloud"],
  // PROOFPOINT-ASN-US-EAST and PROOFPOINT-ASN-US-WEST, Proofpoint Inc.: URL Defense.
  [22843, "Proofpoint"],
  [26211, "Proofpoint"],
  // MIMECAST-US, Mimecast North America Inc: URL Protect.
  [30031, "Mimecast"],
  // BARRACUDA-NETWORKS-INC, Barracuda Networks Inc.: Link Protection and Sentinel.
  [15324, "Barracuda"],
]);

/**
 * The mail-security vendors by the organization name Cloudflare gives a request's network
 * (`request.cf.asOrganization`): their whole business is scanning, so any network registered to them
 * counts, including the regional ones not in SCANNER_NETWORKS (Mimecast and Proofpoint register networks
 * per region, under several names). Clouds are not matched by name: Microsoft and Google also run
 * networks that people browse from.
 */
export const SCANNER_ORGANIZATIONS = /\b(?:proofpoint|mimecast|barracuda)\b/i;
