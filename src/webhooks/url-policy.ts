import { isLocalEnvironment, isLoopbackHost } from "../config/environment";
import { isIPv4Literal, isPublicAddress } from "./ip-policy";

/** The verdict on a customer's webhook URL: the parsed URL to call, or why we refuse to call it. */
export type WebhookUrlVerdict = { ok: true; url: URL } | { ok: false; reason: string };

/** Names that only resolve inside a machine or a private network (RFC 6761, RFC 6762, RFC 8375, ICANN). */
const PRIVATE_SUFFIXES = ["localhost", "local", "internal", "home.arpa"];

/**
 * Where we may POST a customer's webhooks, an SSRF guard on the URL itself. Outside development and test:
 * `https:` only, no credentials, no IP literal outside public unicast (isPublicAddress: every IANA
 * special-purpose block is refused), no names of local or private networks, no single-label hosts. Any
 * port is allowed on https: receivers do run on 8443 and the like, and the port is not what reaches an
 * internal service — the host rules above guard that.
 * In development and test, https may go anywhere (tests use fake public hosts) and plain http is allowed to
 * the developer's machine only. This judges the URL, not where DNS sends it: a public name that resolves to
 * a private address is left to the egress (a Worker's fetch leaves through Cloudflare, not our network).
 */
export function checkWebhookUrl(url: string, environment: string): WebhookUrlVerdict {
  if (!URL.canParse(url)) return { ok: false, reason: "not an absolute URL" };
  const parsed = new URL(url);
  // Credentials in a URL end up in logs and dashboards; endpoints authenticate us by the signature instead.
  if (parsed.username || parsed.password) return { ok: false, reason: "credentials in the URL" };
  // The WHATWG parser has already lower-cased the host and turned 0x7f.1 or 2130706433 into 127.0.0.1.
  const host = parsed.hostname.replace(/\.+$/, "");
  const local = isLocalEnvironment(environment);
  if (parsed.protocol === "http:") {
    if (local && isLoopbackHost(host)) return { ok: true, url: parsed };
    return { ok: false, reason: local ? "plain http only to this machine" : "https required" };
  }
  if (parsed.protocol !== "https:") return { ok: false, reason: `${parsed.protocol} is not https` };
  if (local) return { ok: true, url: parsed };
  const refused = refusedHost(host);
  return refused ? { ok: false, reason: refused } : { ok: true, url: parsed };
}

/** Why a host is not a public destination, or null when it may be. */
function refusedHost(host: string): string | null {
  if (host.startsWith("["))
    return isPublicAddress(host.slice(1, -1)) ? null : "private or reserved IPv6 address";
  if (isIPv4Literal(host)) return isPublicAddress(host) ? null : "private or reserved IPv4 address";
  if (PRIVATE_SUFFIXES.some((suffix) => host === suffix || host.endsWith(`.${suffix}`))) {
    return "a local or private network name";
  }
  if (!host.includes(".") || host.split(".").includes("")) return "not a fully qualified host name";
  return null;
}
