import ipaddr from "ipaddr.js";
import { describe, it } from "vitest";
import { isPublicAddress } from "../../src/webhooks/ip-policy";
import { checkWebhookUrl } from "../../src/webhooks/url-policy";

/**
 * Every block of IANA's IPv4 and IPv6 Special-Purpose Address Registries
 * (https://www.iana.org/assignments/iana-ipv4-special-registry and
 * https://www.iana.org/assignments/iana-ipv6-special-registry), as they stand at their update of 2025-10-09
 * (the newest copy we could read, written down 2026-12), with IANA's "Globally Reachable" flag (`global`:
 * true, false, or null for N/A) and a sample address from the block. Multicast (224.0.0.0/4, ff00::/8) and
 * IPv6 site-local (fec0::/10) come from the IPv4 and IPv6 Address Space registries. Every block is refused,
 * the globally reachable ones included: they are anycast infrastructure or identifiers, never a customer's
 * webhook receiver. Blocks that embed an IPv4 address are refused here because their sample embeds a
 * non-public one; with a public one inside, see EMBEDDED below.
 */
const SPECIAL_PURPOSE: { block: string; name: string; global: boolean | null; sample: string }[] = [
  { block: "0.0.0.0/8", name: '"This network"', global: false, sample: "0.1.2.3" },
  { block: "0.0.0.0/32", name: '"This host on this network"', global: false, sample: "0.0.0.0" },
  { block: "10.0.0.0/8", name: "Private-Use", global: false, sample: "10.20.30.40" },
  { block: "100.64.0.0/10", name: "Shared Address Space", global: false, sample: "100.100.1.1" },
  { block: "127.0.0.0/8", name: "Loopback", global: false, sample: "127.0.0.1" },
  { block: "169.254.0.0/16", name: "Link Local", global: false, sample: "169.254.169.254" },
  { block: "172.16.0.0/12", name: "Private-Use", global: false, sample: "172.20.1.1" },
  { block: "192.0.0.0/24", name: "IETF Protocol Assignments", global: false, sample: "192.0.0.100" },
  { block: "192.0.0.0/29", name: "IPv4 Service Continuity Prefix", global: false, sample: "192.0.0.2" },
  { block: "192.0.0.8/32", name: "IPv4 dummy address", global: false, sample: "192.0.0.8" },
  { block: "192.0.0.9/32", name: "Port Control Protocol Anycast", global: true, sample: "192.0.0.9" },
  {
    block: "192.0.0.10/32",
    name: "Traversal Using Relays around NAT Anycast",
    global: true,
    sample: "192.0.0.10",
  },
  { block: "192.0.0.170/32", name: "NAT64/DNS64 Discovery", global: false, sample: "192.0.0.170" },
  { block: "192.0.0.171/32", name: "NAT64/DNS64 Discovery", global: false, sample: "192.0.0.171" },
  { block: "192.0.2.0/24", name: "Documentation (TEST-NET-1)", global: false, sample: "192.0.2.10" },
  { block: "192.31.196.0/24", name: "AS112-v4", global: true, sample: "192.31.196.1" },
  { block: "192.52.193.0/24", name: "AMT", global: true, sample: "192.52.193.1" },
  { block: "192.88.99.0/24", name: "Deprecated (6to4 Relay Anycast)", global: null, sample: "192.88.99.1" },
  { block: "192.88.99.2/32", name: "6a44-relay anycast address", global: false, sample: "192.88.99.2" },
  { block: "192.168.0.0/16", name: "Private-Use", global: false, sample: "192.168.1.1" },
  { block: "192.175.48.0/24", name: "Direct Delegation AS112 Service", global: true, sample: "192.175.48.6" },
  { block: "198.18.0.0/15", name: "Benchmarking", global: false, sample: "198.19.0.1" },
  { block: "198.51.100.0/24", name: "Documentation (TEST-NET-2)", global: false, sample: "198.51.100.7" },
  { block: "203.0.113.0/24", name: "Documentation (TEST-NET-3)", global: false, sample: "203.0.113.9" },
  { block: "224.0.0.0/4", name: "Multicast (IPv4 Address Space)", global: null, sample: "239.255.255.250" },
  { block: "240.0.0.0/4", name: "Reserved", global: false, sample: "250.1.2.3" },
  { block: "255.255.255.255/32", name: "Limited Broadcast", global: false, sample: "255.255.255.255" },
  { block: "::1/128", name: "Loopback Address", global: false, sample: "::1" },
  { block: "::/128", name: "Unspecified Address", global: false, sample: "::" },
  { block: "::ffff:0:0/96", name: "IPv4-mapped Address", global: false, sample: "::ffff:10.0.0.1" },
  { block: "64:ff9b::/96", name: "IPv4-IPv6 Translat.", global: true, sample: "64:ff9b::192.168.0.1" },
  {
    block: "64:ff9b:1::/48",
    name: "IPv4-IPv6 Translat. (local use)",
    global: false,
    sample: "64:ff9b:1::8.8.8.8",
  },
  { block: "100::/64", name: "Discard-Only Address Block", global: false, sample: "100::1" },
  { block: "100:0:0:1::/64", name: "Dummy IPv6 Prefix", global: false, sample: "100:0:0:1::5" },
  { block: "2001::/23", name: "IETF Protocol Assignments", global: false, sample: "2001:100::1" },
  {
    block: "2001::/32",
    name: "TEREDO (client 192.168.1.1)",
    global: null,
    sample: "2001:0:4136:e378:8000:63bf:3f57:fefe",
  },
  { block: "2001:1::1/128", name: "Port Control Protocol Anycast", global: true, sample: "2001:1::1" },
  {
    block: "2001:1::2/128",
    name: "Traversal Using Relays around NAT Anycast",
    global: true,
    sample: "2001:1::2",
  },
  {
    block: "2001:1::3/128",
    name: "DNS-SD Service Registration Protocol Anycast",
    global: true,
    sample: "2001:1::3",
  },
  { block: "2001:2::/48", name: "Benchmarking", global: false, sample: "2001:2:0:1::1" },
  { block: "2001:3::/32", name: "AMT", global: true, sample: "2001:3::1" },
  { block: "2001:4:112::/48", name: "AS112-v6", global: true, sample: "2001:4:112::1" },
  { block: "2001:10::/28", name: "Deprecated (previously ORCHID)", global: null, sample: "2001:10::1" },
  { block: "2001:20::/28", name: "ORCHIDv2", global: true, sample: "2001:20::1" },
  {
    block: "2001:30::/28",
    name: "Drone Remote ID Protocol Entity Tags (DETs) Prefix",
    global: true,
    sample: "2001:30::1",
  },
  { block: "2001:db8::/32", name: "Documentation", global: false, sample: "2001:db8::1" },
  { block: "2002::/16", name: "6to4 (of 192.168.1.1)", global: null, sample: "2002:c0a8:101::1" },
  {
    block: "2620:4f:8000::/48",
    name: "Direct Delegation AS112 Service",
    global: true,
    sample: "2620:4f:8000::42",
  },
  { block: "3fff::/20", name: "Documentation", global: false, sample: "3fff:abc::1" },
  { block: "5f00::/16", name: "Segment Routing (SRv6) SIDs", global: false, sample: "5f00:1::1" },
  { block: "fc00::/7", name: "Unique-Local", global: false, sample: "fd12:3456:789a::1" },
  { block: "fe80::/10", name: "Link-Local Unicast", global: false, sample: "fe80::1" },
  {
    block: "fec0::/10",
    name: "Site-local (deprecated, IPv6 Address Space)",
    global: null,
    sample: "fec0::1",
  },
  { block: "ff00::/8", name: "Multicast (IPv6 Address Space)", global: null, sample: "ff02::1" },
];

/** Public unicast, some of it right next to a special block: these must stay allowed. */
const PUBLIC = [
  "1.1.1.1",
  "8.8.8.8",
  "2606:4700:4700::1111",
  "2001:4860:4860::8888",
  "11.0.0.0",
  "100.63.255.255",
  "100.128.0.0",
  "172.15.255.255",
  "172.32.0.0",
  "191.255.255.255",
  "192.0.1.0",
  "192.31.195.255",
  "192.31.197.0",
  "192.52.192.255",
  "192.52.194.0",
  "192.88.98.255",
  "192.88.100.0",
  "192.175.47.255",
  "192.175.49.0",
  "198.17.255.255",
  "198.20.0.0",
  "223.255.255.255",
  "2001:200::1",
  "2001:db7:ffff::1",
  "2001:db9::1",
  "2001:ffff::1",
  "2003::1",
  "2620:4f:7fff:ffff::1",
  "2620:4f:8001::1",
  "3fff:1000::1",
];

/** IPv6 forms that carry an IPv4 address: judged by that address. */
const EMBEDDED: [string, boolean][] = [
  ["::ffff:8.8.8.8", true],
  ["::ffff:192.168.1.1", false],
  ["::ffff:0:8.8.8.8", true], // IPv4-translated
  ["::ffff:0:10.0.0.1", false],
  ["::ffff:0:127.0.0.1", false],
  ["64:ff9b::8.8.8.8", true],
  ["64:ff9b::169.254.169.254", false],
  ["2002:808:808::1", true], // 6to4 of 8.8.8.8
  ["2002:7f00:1::1", false], // 6to4 of 127.0.0.1
  ["2002:a9fe:a9fe::1", false], // 6to4 of 169.254.169.254
  ["2001:0:4136:e378:8000:63bf:f7f7:f7f7", true], // Teredo: server 65.54.227.120, client 8.8.8.8
  ["2001:0:a00:1:8000:63bf:f7f7:f7f7", false], // Teredo: server 10.0.0.1
  ["2001:0:4136:e378:8000:63bf:80ff:fffe", false], // Teredo: client 127.0.0.1
  ["::8.8.8.8", false], // IPv4-compatible (deprecated, in the IETF-reserved ::/8)
];

/** First and last address of a block: the edges are in it too. */
function ends(block: string): string[] {
  if (block.includes(".")) {
    return [ipaddr.IPv4.networkAddressFromCIDR(block), ipaddr.IPv4.broadcastAddressFromCIDR(block)].map(
      String,
    );
  }
  return [ipaddr.IPv6.networkAddressFromCIDR(block), ipaddr.IPv6.broadcastAddressFromCIDR(block)].map(String);
}

describe("isPublicAddress, against IANA's special-purpose registries", () => {
  it.for(SPECIAL_PURPOSE.map((row) => [`${row.block} ${row.name}`, row] as const))(
    "refuses %s",
    ([, row], { expect }) => {
      const [network, prefix] = ipaddr.parseCIDR(row.block);
      expect(ipaddr.parse(row.sample).match(network, prefix), `${row.sample} is in ${row.block}`).toBe(true);
      for (const address of [row.sample, ...ends(row.block)]) {
        expect(isPublicAddress(address), address).toBe(false);
      }
    },
  );

  it("allows public unicast, next to the special blocks too", ({ expect }) => {
    for (const address of PUBLIC) expect(isPublicAddress(address), address).toBe(true);
  });

  it("judges an IPv6 address that carries an IPv4 one by that IPv4 address", ({ expect }) => {
    for (const [address, allowed] of EMBEDDED) expect(isPublicAddress(address), address).toBe(allowed);
  });

  it("refuses what is not an address", ({ expect }) => {
    for (const text of ["", "localhost", "1.2.3", "256.1.1.1", "::g", "1::2::3", "[::1]"]) {
      expect(isPublicAddress(text), text).toBe(false);
    }
  });
});

describe("checkWebhookUrl on the forms the WHATWG URL parser canonicalises", () => {
  const FORMS: [string, string, boolean][] = [
    ["https://2130706433/hook", "127.0.0.1", false], // one decimal number
    ["https://0x7f000001/hook", "127.0.0.1", false], // one hex number
    ["https://0177.0.0.1/hook", "127.0.0.1", false], // octal
    ["https://127.1/hook", "127.0.0.1", false], // two parts
    ["https://127.0.0.1./hook", "127.0.0.1", false], // trailing dot
    ["https://0300.0250.0.1/hook", "192.168.0.1", false],
    ["https://0xc0a80001/hook", "192.168.0.1", false],
    ["https://3232235521/hook", "192.168.0.1", false],
    ["https://10.1/hook", "10.0.0.1", false],
    ["https://0xa9.0xfe.0xa9.0xfe/hook", "169.254.169.254", false],
    ["https://3323068417/hook", "198.18.0.1", false],
    ["https://0xf0000001/hook", "240.0.0.1", false],
    ["https://134744072/hook", "8.8.8.8", true],
    ["https://0x08080808/hook", "8.8.8.8", true],
    ["https://010.010.010.010/hook", "8.8.8.8", true],
    ["https://[::ffff:127.0.0.1]/hook", "[::ffff:7f00:1]", false],
    ["https://[::FFFF:192.168.1.1]/hook", "[::ffff:c0a8:101]", false],
    ["https://[::ffff:0:10.0.0.1]/hook", "[::ffff:0:a00:1]", false],
    ["https://[0:0:0:0:0:ffff:0a00:0001]/hook", "[::ffff:a00:1]", false],
    ["https://[64:ff9b::10.0.0.1]/hook", "[64:ff9b::a00:1]", false],
    ["https://[2002:c0a8:0101::1]/hook", "[2002:c0a8:101::1]", false],
    ["https://[FEC0::1]/hook", "[fec0::1]", false],
    [
      "https://[2001:0000:4136:e378:8000:63bf:3f57:fefe]/hook",
      "[2001:0:4136:e378:8000:63bf:3f57:fefe]",
      false,
    ],
    ["https://[::ffff:8.8.8.8]/hook", "[::ffff:808:808]", true],
    ["https://[64:ff9b::8.8.8.8]/hook", "[64:ff9b::808:808]", true],
    ["https://[2606:4700:4700:0:0:0:0:1111]/hook", "[2606:4700:4700::1111]", true],
  ];

  it.for(FORMS)("%s is %s", ([url, host, allowed], { expect }) => {
    expect(new URL(url).hostname).toBe(host);
    expect(checkWebhookUrl(url, "production").ok).toBe(allowed);
  });

  it("refuses every special-purpose sample as a URL host in production", ({ expect }) => {
    for (const { sample } of SPECIAL_PURPOSE) {
      const host = sample.includes(":") ? `[${sample}]` : sample;
      expect(checkWebhookUrl(`https://${host}/hook`, "production"), sample).toMatchObject({ ok: false });
    }
    for (const address of PUBLIC) {
      const host = address.includes(":") ? `[${address}]` : address;
      expect(checkWebhookUrl(`https://${host}/hook`, "production").ok, address).toBe(true);
    }
  });
});
