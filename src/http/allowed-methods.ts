import type { Hono } from "hono";
import type { AppEnv } from "../env";
import { ApiError } from "./errors";

type RouteMatcher = { method: string; pattern: RegExp };

/** Hono's path syntax as a regular expression: `:name` one segment, `:name{re}` its own pattern, `*` the rest. */
function patternOf(path: string): RegExp {
  const source = path
    .split("/")
    .map((segment) => {
      if (segment === "*") return ".*";
      const param = /^:[A-Za-z0-9_]+(?:\{(.+)\})?$/.exec(segment);
      if (param) return param[1] ?? "[^/]+";
      return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    })
    .join("/");
  return new RegExp(`^${source}/?$`);
}

/**
 * The methods an app's routes answer on a path, for a 405's `Allow` header. Read from the app's own route
 * table (middleware, registered for every method, is left out), so a new route is counted without being listed.
 */
export function allowedMethodsOf(app: Hono<AppEnv>): (path: string) => string[] {
  let matchers: RouteMatcher[] | undefined;
  return (path) => {
    matchers ??= app.routes
      .filter((route) => route.method !== "ALL")
      .map((route) => ({ method: route.method, pattern: patternOf(route.path) }));
    const methods = new Set(matchers.filter((m) => m.pattern.test(path)).map((m) => m.method));
    if (methods.has("GET")) methods.add("HEAD");
    return [...methods].sort();
  };
}

/** The 405 for a known path asked with a method it does not answer, or null when the path is unknown. */
export function methodNotAllowed(method: string, path: string, allowed: string[]): ApiError | null {
  if (allowed.length === 0) return null;
  return new ApiError(
    "method_not_allowed",
    `${path} does not answer ${method}; it answers ${allowed.join(", ")}.`,
    { allowed },
    { Allow: allowed.join(", ") },
  );
}
