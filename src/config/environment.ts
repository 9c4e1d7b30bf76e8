/** Environments where a developer's machine is the deployment: `/dev/*` is served and loopback targets are fine. */
const LOCAL_ENVIRONMENTS = new Set(["development", "test"]);

/** True for `ENVIRONMENT = "development"` or `"test"`; anything else, unset included, is treated as production. */
export function isLocalEnvironment(environment: string | undefined): boolean {
  return environment !== undefined && LOCAL_ENVIRONMENTS.has(environment);
}

/**
 * True when a URL's host (as the WHATWG parser serializes it, so `0x7f.1` is already `127.0.0.1`) names this
 * machine: `localhost` and its subdomains (RFC 6761), 127.0.0.0/8, 0.0.0.0, `::1` and IPv4-mapped loopback.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/\.+$/, "");
  return (
    host === "localhost" ||
    host.endsWith(".localhost") ||
    /^127\.\d+\.\d+\.\d+$/.test(host) ||
    host === "0.0.0.0" ||
    host === "[::1]" ||
    host === "[::]" ||
    /^\[::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}\]$/.test(host)
  );
}

/** True when a setting's value is an absolute URL (any scheme with `//`) whose host is this machine. */
export function isLoopbackUrl(value: string): boolean {
  const trimmed = value.trim();
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) || !URL.canParse(trimmed)) return false;
  return isLoopbackHost(new URL(trimmed).hostname);
}
