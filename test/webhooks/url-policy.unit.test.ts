import { describe, it } from "vitest";
import { checkWebhookUrl } from "../../src/webhooks/url-policy";

const ALLOWED_IN_PRODUCTION = [
  "https://customer.example/hook",
  "https://hooks.customer.example:8443/autodoc?source=invitations",
  "https://customer.example./hook", // fully qualified, trailing dot
  "https://bücher.example/hook",
  "https://8.8.8.8/hook",
  "https://[2606:4700:4700::1111]/hook",
  "https://[::ffff:8.8.8.8]/hook",
  "https://localhost.customer.example/hook", // "localhost" as a label, not the suffix
];

const REFUSED_IN_PRODUCTION = [
  "http://customer.example/hook",
  "ftp://customer.example/hook",
  "/relative/hook",
  "not a url",
  "https://user:secret@customer.example/hook",
  "https://token@customer.example/hook",
  "https://localhost/hook",
  "https://LOCALHOST./hook",
  "https://app.localhost/hook",
  "https://printer.local/hook",
  "https://metadata.google.internal/computeMetadata/v1/",
  "https://nas.home.arpa/hook",
  "https://intranet/hook",
  "https://127.0.0.1/hook",
  "https://127.1.2.3/hook",
  "https://2130706433/hook", // 127.0.0.1 as one number
  "https://0x7f.1/hook", // 127.0.0.1 in hex shorthand
  "https://0.0.0.0/hook",
  "https://10.1.2.3/hook",
  "https://172.16.0.1/hook",
  "https://172.31.255.255/hook",
  "https://192.168.1.1/hook",
  "https://169.254.169.254/latest/meta-data/",
  "https://100.64.0.1/hook",
  "https://100.127.255.255/hook",
  "https://224.0.0.1/hook",
  "https://239.255.255.250/hook",
  "https://255.255.255.255/hook",
  "https://[::1]/hook",
  "https://[::]/hook",
  "https://[fc00::1]/hook",
  "https://[fd12:3456:789a::1]/hook",
  "https://[fe80::1]/hook",
  "https://[febf::1]/hook",
  "https://[ff02::1]/hook",
  "https://[::ffff:127.0.0.1]/hook",
  "https://[::ffff:10.0.0.1]/hook",
  "https://[::ffff:169.254.169.254]/hook",
  "https://[64:ff9b::10.0.0.1]/hook",
  "https://[fec0::1]/hook", // site-local, deprecated but still routed inside sites
];

/** Addresses next to the refused ranges, to pin their edges. */
const RANGE_EDGES_ALLOWED = [
  "https://172.15.255.255/hook",
  "https://172.32.0.0/hook",
  "https://100.63.255.255/hook",
  "https://100.128.0.0/hook",
  "https://169.253.255.255/hook",
  "https://223.255.255.255/hook",
  "https://11.0.0.0/hook",
];

const ALLOWED_IN_DEVELOPMENT = [
  "http://localhost:8787/hook",
  "http://app.localhost/hook",
  "http://127.0.0.1:3000/hook",
  "http://[::1]:3000/hook",
  // All of 127.0.0.0/8 is this machine (one rule, config/environment.ts, with the startup check).
  "http://127.0.0.2/hook",
  "http://[::ffff:127.0.0.1]/hook",
  "https://customer.example/hook",
  "https://localhost/hook",
  "https://192.168.1.1/hook",
];

const REFUSED_IN_DEVELOPMENT = [
  "http://customer.example/hook",
  "http://192.168.1.1/hook",
  "http://localhost.customer.example/hook",
  "http://128.0.0.1/hook",
  "https://user:secret@customer.example/hook",
  "ftp://localhost/hook",
  "file:///etc/passwd",
];

describe("checkWebhookUrl", () => {
  it("allows public https destinations in production, on any port", ({ expect }) => {
    for (const url of [...ALLOWED_IN_PRODUCTION, ...RANGE_EDGES_ALLOWED]) {
      const verdict = checkWebhookUrl(url, "production");
      expect(verdict.ok, url).toBe(true);
      if (verdict.ok) expect(verdict.url).toBeInstanceOf(URL);
    }
    expect(checkWebhookUrl("https://customer.example:8443/x", "staging").ok).toBe(true);
  });

  it("refuses plain http, credentials and private or local destinations in production", ({ expect }) => {
    for (const url of REFUSED_IN_PRODUCTION) {
      const verdict = checkWebhookUrl(url, "production");
      expect(verdict, url).toMatchObject({ ok: false, reason: expect.any(String) });
    }
    // Every environment other than development and test gets the production rules.
    expect(checkWebhookUrl("http://localhost:8787/hook", "staging").ok).toBe(false);
    expect(checkWebhookUrl("https://10.0.0.1/hook", "preview").ok).toBe(false);
  });

  it("in development and test, also allows http to this machine only", ({ expect }) => {
    for (const environment of ["development", "test"]) {
      for (const url of ALLOWED_IN_DEVELOPMENT) {
        expect(checkWebhookUrl(url, environment).ok, `${environment} ${url}`).toBe(true);
      }
      for (const url of REFUSED_IN_DEVELOPMENT) {
        expect(checkWebhookUrl(url, environment).ok, `${environment} ${url}`).toBe(false);
      }
    }
  });
});
