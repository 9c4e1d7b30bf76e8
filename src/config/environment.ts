import ipaddr from "ipaddr.js";

/** Environments where a developer's machine is the deployment: `/dev/*` is served and loopback targets are fine. */
const LOCAL_ENVIRONMENTS = new Set(["development", "test"]);

/**
 * Settings for `npm run bench` and tests only (src/metering/settings.ts), absent from wrangler.toml: set in a
 * deployment, they would meter every invocation or make every D1 round trip wait.
 */
export const BENCH_ONLY_SETTINGS = ["D1_METRICS", "D1_SIMULATED_LATENCY"] as const;

/** True for `ENVIRONMENT = "development"` or `"test"`; anything else, unset included, is treated as production. */
export function isLocalEnvironment(environment: string | undefined): boolean {
  return environment !== undefined && LOCAL_ENVIRONMENTS.has(environment);
}

/**
 * True when a URL's host (as the WHATWG parser serializes it, so `0x7f.1` is already `127.0.0.1`) names this
 * machine: `localhost` and its subdomains (RFC 6761), or an IP literal that ipaddr.js classes as loopback or
 * unspecified, IPv4-mapped IPv6 included (`[::ffff:127.0.0.1]`).
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/\.+$/, "");
  if (host === "localhost" || host.endsWith(".localhost")) return true;
  const literal = host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
  if (!ipaddr.isValid(literal)) return false;
  const range = ipaddr.process(literal).range();
  return range === "loopback" || range === "unspecified";
}

/** True when a setting's value is an absolute URL (any scheme with `//`) whose host is this machine. */
export function isLoopbackUrl(value: string): boolean {
  const trimmed = value.trim();
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) || !URL.canParse(trimmed)) return false;
  return isLoopbackHost(new URL(trimmed).hostname);
}
