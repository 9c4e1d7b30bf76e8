/** The verdict on a customer's webhook URL: the parsed URL to call, or why we refuse to call it. */
export type WebhookUrlVerdict = { ok: true; url: URL } | { ok: false; reason: string };

/** Environments where a developer's own machine is a legitimate target. */
const LOCAL_ENVIRONMENTS = new Set(["development", "test"]);

/** Names that only resolve inside a machine or a private network (RFC 6761, RFC 6762, RFC 8375, ICANN). */
const PRIVATE_SUFFIXES = ["localhost", "local", "internal", "home.arpa"];

/** IPv4 ranges that are not the public internet: [first address, prefix length]. */
const PRIVATE_V4: readonly [string, number][] = [
  ["0.0.0.0", 8], // "this network", includes the unspecified address
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8],
  ["169.254.0.0", 16], // link-local, home of cloud metadata endpoints
  ["172.16.0.0", 12],
  ["192.168.0.0", 16],
  ["224.0.0.0", 4], // multicast
  ["255.255.255.255", 32],
];

/**
 * Where we may POST a customer's webhooks, an SSRF guard on the URL itself. Outside development and test:
 * `https:` only, no credentials, no private/loopback/link-local/CGNAT/multicast IP literals, no names of
 * local or private networks, no single-label hosts. Any port is allowed on https: receivers do run on 8443
 * and the like, and the port is not what reaches an internal service — the host rules above guard that.
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
  const local = LOCAL_ENVIRONMENTS.has(environment);
  if (parsed.protocol === "http:") {
    if (local && isLoopbackName(host)) return { ok: true, url: parsed };
    return { ok: false, reason: local ? "plain http only to this machine" : "https required" };
  }
  if (parsed.protocol !== "https:") return { ok: false, reason: `${parsed.protocol} is not https` };
  if (local) return { ok: true, url: parsed };
  const refused = refusedHost(host);
  return refused ? { ok: false, reason: refused } : { ok: true, url: parsed };
}

function isLoopbackName(host: string): boolean {
  return host === "localhost" || host.endsWith(".localhost") || host === "127.0.0.1" || host === "[::1]";
}

/** Why a host is not a public destination, or null when it may be. */
function refusedHost(host: string): string | null {
  if (host.startsWith("[")) return isPublicV6(host.slice(1, -1)) ? null : "private or reserved IPv6 address";
  const v4 = parseV4(host);
  if (v4 !== null) return isPublicV4(v4) ? null : "private or reserved IPv4 address";
  if (PRIVATE_SUFFIXES.some((suffix) => host === suffix || host.endsWith(`.${suffix}`))) {
    return "a local or private network name";
  }
  if (!host.includes(".") || host.split(".").includes("")) return "not a fully qualified host name";
  return null;
}

/** A dotted-quad IPv4 address as an unsigned 32-bit number (the parser has canonicalised other forms). */
function parseV4(host: string): number | null {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (!match) return null;
  return match.slice(1).reduce((acc, octet) => acc * 256 + Number(octet), 0);
}

function isPublicV4(address: number): boolean {
  return PRIVATE_V4.every(([first, prefix]) => {
    const size = 2 ** (32 - prefix);
    const start = parseV4(first) ?? 0;
    return address < start || address >= start + size;
  });
}

/** The eight 16-bit groups of a canonical (WHATWG-serialised, hex-only) IPv6 address. */
function parseV6(address: string): number[] | null {
  const halves = address.split("::");
  if (halves.length > 2) return null;
  const groups = halves.map((half) =>
    half === "" ? [] : half.split(":").map((group) => Number.parseInt(group, 16)),
  );
  const [head = [], tail = []] = groups;
  const missing = 8 - head.length - tail.length;
  if (groups.flat().some(Number.isNaN) || missing < 0 || (halves.length === 1 && missing !== 0)) return null;
  return [...head, ...new Array<number>(missing).fill(0), ...tail];
}

function isPublicV6(address: string): boolean {
  const groups = parseV6(address);
  if (!groups) return false;
  const [first = 0] = groups;
  const embeddedV4 = (groups[6] ?? 0) * 65536 + (groups[7] ?? 0);
  const zeroPrefix = (count: number) => groups.slice(0, count).every((group) => group === 0);
  // ::/96 covers :: and ::1 and the deprecated IPv4-compatible form; all lead to an IPv4 we judge as such.
  if (zeroPrefix(6)) return isPublicV4(embeddedV4);
  // IPv4-mapped (::ffff:0:0/96) and the NAT64 well-known prefix (64:ff9b::/96) reach an IPv4 address.
  if (zeroPrefix(5) && groups[5] === 0xffff) return isPublicV4(embeddedV4);
  if (first === 0x64 && groups[1] === 0xff9b && groups.slice(2, 6).every((group) => group === 0)) {
    return isPublicV4(embeddedV4);
  }
  if ((first & 0xfe00) === 0xfc00) return false; // unique local fc00::/7
  if ((first & 0xffc0) === 0xfe80) return false; // link-local fe80::/10
  if ((first & 0xff00) === 0xff00) return false; // multicast ff00::/8
  return true;
}
