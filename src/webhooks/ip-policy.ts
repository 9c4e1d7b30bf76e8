import ipaddr from "ipaddr.js";

type IPv4 = ipaddr.IPv4;
type IPv6 = ipaddr.IPv6;

/** The only IPv6 space IANA allocates for global unicast; everything outside is reserved or special. */
const GLOBAL_UNICAST_V6 = ipaddr.IPv6.parseCIDR("2000::/3");
/** RFC 6052's well-known NAT64 prefix: the last 32 bits are an IPv4 address the translator reaches. */
const NAT64_WELL_KNOWN = ipaddr.IPv6.parseCIDR("64:ff9b::/96");

/**
 * Whether a webhook may be sent to this IP address (IPv6 without brackets): only to ordinary public unicast.
 * ipaddr.js classifies the IANA special-purpose blocks; every one of them is refused, the ones IANA marks
 * globally reachable included (PCP, TURN and DNS-SD anycast, AS112, AMT, ORCHIDv2, DETs): they are
 * infrastructure, not webhook receivers. An IPv6 address that carries an IPv4 one (IPv4-mapped,
 * IPv4-translated, NAT64, 6to4, Teredo) is judged by the IPv4 address it leads to.
 */
export function isPublicAddress(address: string): boolean {
  if (isIPv4Literal(address)) return isPublicV4(ipaddr.IPv4.parse(address));
  const v6 = canonicalV6(address);
  return v6 !== null && isPublicV6(ipaddr.IPv6.parse(v6));
}

/**
 * IPv6 text as the WHATWG URL parser serialises it, or null when it is not IPv6. The URL's own reading is
 * the one that counts, and it is hex only: ipaddr.js would read `::8.8.8.8` as `::ffff:8.8.8.8`.
 */
function canonicalV6(address: string): string | null {
  const url = `https://[${address}]/`;
  return URL.canParse(url) ? new URL(url).hostname.slice(1, -1) : null;
}

/** A dotted quad, the only IPv4 form a WHATWG-parsed host has (it canonicalises 0x7f.1 and 2130706433). */
export function isIPv4Literal(host: string): boolean {
  return ipaddr.IPv4.isValidFourPartDecimal(host);
}

function isPublicV4(address: IPv4): boolean {
  // "unicast" is ipaddr.js's name for an address in none of its special ranges.
  return address.range() === "unicast";
}

/** The IPv4 address in four bytes of an IPv6 address, bit-inverted when `inverted` (Teredo obfuscates). */
function embeddedV4(address: IPv6, offset: number, inverted = false): IPv4 {
  const bytes = address.toByteArray().slice(offset, offset + 4);
  return new ipaddr.IPv4(bytes.map((byte) => (inverted ? byte ^ 0xff : byte)));
}

function isPublicV6(address: IPv6): boolean {
  switch (address.range()) {
    case "ipv4Mapped": // ::ffff:a.b.c.d
    case "rfc6145": // IPv4-translated ::ffff:0:a.b.c.d
      return isPublicV4(embeddedV4(address, 12));
    case "rfc6052": // 64:ff9b::/96 reaches its IPv4 address; 64:ff9b:1::/48 is for local use only
      return address.match(NAT64_WELL_KNOWN) && isPublicV4(embeddedV4(address, 12));
    case "6to4": // 2002:aabb:ccdd::/48 is the site behind a.b.c.d
      return isPublicV4(embeddedV4(address, 2));
    case "teredo": // 2001:0:<server>:<flags>:<port>:<client, inverted>: both ends must be public
      return isPublicV4(embeddedV4(address, 4)) && isPublicV4(embeddedV4(address, 12, true));
    case "unicast":
      return address.match(GLOBAL_UNICAST_V6);
    default:
      return false;
  }
}
