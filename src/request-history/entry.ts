import type { Context } from "hono";
import { matchedRoutes } from "hono/route";
import type { ApiName, HistoryOwner, RequestCredential, RequestRecord } from "../core/request-history";
import {
  clippedHeader,
  MAX_HEADER_VALUE_LENGTH,
  MAX_USER_AGENT_LENGTH,
  recordedPath,
  redactQuery,
  routeTemplate,
} from "../core/request-redaction";
import type { AppEnv, Principal } from "../env";

/** Whose history a finished request goes into, and with which credential; null before authentication. */
export function ownerOf(c: Context<AppEnv>): { owner: HistoryOwner; credential: RequestCredential } | null {
  // Unset until an auth middleware let the caller in: a request refused before that has neither.
  const principal: Principal | undefined = c.get("principal");
  if (principal) {
    const { organizationId, livemode, credential } = principal;
    return { owner: { organizationId, livemode }, credential };
  }
  if (c.get("operatorAuthenticated") === true) return { owner: "operator", credential: { type: "operator" } };
  return null;
}

/** Which API a path belongs to, for the counts of unauthenticated refusals. */
export function apiOf(path: string): ApiName {
  if (path.startsWith("/api/v1")) return "vortex";
  if (path.startsWith("/admin")) return "admin";
  return "autodoc";
}

/**
 * The route that answered, OpenAPI style: the first matched handler (middleware is registered for every
 * method as `ALL`; the first handler answers, later matches never run); null when none matched (a 404).
 */
function answeringRoute(c: Context<AppEnv>): string | null {
  const route = matchedRoutes(c).find((matched) => matched.method !== "ALL");
  return route ? routeTemplate(route.path) : null;
}

/** A JWT's `sub` is the identity provider's to choose: kept clipped like a header. */
function boundedCredential(credential: RequestCredential): RequestCredential {
  if (credential.type !== "jwt" || credential.subject === null) return credential;
  return { type: "jwt", subject: credential.subject.slice(0, MAX_USER_AGENT_LENGTH) };
}

/** What the history keeps of a finished request: no body, no secret, no client IP. */
export function recordOf(c: Context<AppEnv>, started: number, credential: RequestCredential): RequestRecord {
  const url = c.req.url;
  const at = url.indexOf("?");
  const errorCode: string | undefined = c.get("errorCode");
  return {
    time: started,
    method: c.req.method,
    path: recordedPath(c.req.path),
    query: at < 0 ? null : redactQuery(url.slice(at + 1)),
    route: answeringRoute(c),
    status: c.res.status,
    durationMs: Math.max(0, Date.now() - started),
    errorCode: errorCode ?? null,
    userAgent: clippedHeader(c.req.header("user-agent"), MAX_USER_AGENT_LENGTH),
    requestId: clippedHeader(c.get("requestId"), MAX_HEADER_VALUE_LENGTH) ?? "",
    credential: boundedCredential(credential),
    sdkName: clippedHeader(c.req.header("x-vortex-sdk-name"), MAX_HEADER_VALUE_LENGTH),
    sdkVersion: clippedHeader(c.req.header("x-vortex-sdk-version"), MAX_HEADER_VALUE_LENGTH),
  };
}
