import { isbot } from "isbot";
import { LINK_PREVIEW_AGENT, MAIL_SECURITY_AGENT } from "./automated-agents";
import { SCANNER_NETWORKS, SCANNER_ORGANIZATIONS } from "./scanner-networks";

/** Why a click counts as automated, in the order the rules are asked. */
export const AUTOMATED_REASONS = [
  "head",
  "no_user_agent",
  "mail_security_agent",
  "link_preview_agent",
  "known_bot",
  "security_network",
] as const;
export type AutomatedReason = (typeof AUTOMATED_REASONS)[number];

/** Who clicked a link: a person, or something automated and why. Recorded with the click's event. */
export type ClickClassification = { by: "person" } | { by: "automated"; reason: AutomatedReason };

/** What a click is judged by: the request's method and user agent, and its network (`request.cf`). */
export interface ClickSignals {
  method: string;
  userAgent: string | null | undefined;
  asn?: number | undefined;
  asOrganization?: string | undefined;
}

const PERSON: ClickClassification = { by: "person" };
const automated = (reason: AutomatedReason): ClickClassification => ({ by: "automated", reason });

/**
 * The rule for what counts as a person's open: a GET with a user agent that names no scanner, preview
 * app or bot, from a network that is not a mail-security gateway's or a scanning cloud's. Pure and cheap
 * (three regular expressions and a map lookup): it runs on every link click.
 */
export function classifyClick(signals: ClickSignals): ClickClassification {
  // Browsers always GET a link they open; HEAD only comes from checkers that probe it.
  if (signals.method.toUpperCase() === "HEAD") return automated("head");
  const userAgent = signals.userAgent?.trim();
  if (!userAgent) return automated("no_user_agent");
  if (MAIL_SECURITY_AGENT.test(userAgent)) return automated("mail_security_agent");
  if (LINK_PREVIEW_AGENT.test(userAgent)) return automated("link_preview_agent");
  if (isbot(userAgent)) return automated("known_bot");
  if (isScannerNetwork(signals)) return automated("security_network");
  return PERSON;
}

function isScannerNetwork({ asn, asOrganization }: ClickSignals): boolean {
  if (asn !== undefined && SCANNER_NETWORKS.has(asn)) return true;
  return asOrganization !== undefined && SCANNER_ORGANIZATIONS.test(asOrganization);
}

/** True for requests that must not count as a person opening the link (`classifyClick` says automated). */
export function isAutomatedRequest(signals: ClickSignals): boolean {
  return classifyClick(signals).by === "automated";
}

/** The click signals of a request on a link host: its method, user agent and Cloudflare's network facts. */
export function clickSignalsOf(request: Request): ClickSignals {
  const cf = request.cf;
  return {
    method: request.method,
    userAgent: request.headers.get("User-Agent"),
    asn: typeof cf?.asn === "number" ? cf.asn : undefined,
    asOrganization: typeof cf?.asOrganization === "string" ? cf.asOrganization : undefined,
  };
}
