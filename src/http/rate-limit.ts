import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../env";
import { ApiError } from "./errors";

/** Resend requests per client IP and minute (AutoDoc's resend reference); the binding's own `simple.limit` must match. */
export const RESENDS_PER_IP_PER_MINUTE = 30;

function rateLimited(message: string, retryAfterSeconds: number): ApiError {
  return new ApiError(
    "rate_limited",
    message,
    { retry_after_seconds: retryAfterSeconds },
    {
      "Retry-After": String(retryAfterSeconds),
    },
  );
}

/**
 * Per client IP, with the Workers Rate Limiting binding (cheap, local to each Cloudflare location, and
 * deliberately approximate). It only guards against one client hammering an endpoint. `budget` names the
 * counter: every route given the same name draws on the same budget, whatever its path or dialect.
 */
export function limitByClientIp(
  budget: string,
  binding: (env: Env) => RateLimit,
  perMinute: number,
): MiddlewareHandler<AppEnv> {
  return async function clientIpLimit(c, next) {
    const ip = c.req.header("CF-Connecting-IP") ?? "unknown";
    const { success } = await binding(c.env).limit({ key: `${budget}:${ip}` });
    if (!success) throw rateLimited(`More than ${perMinute} requests per minute from this address.`, 60);
    await next();
  };
}

/**
 * The per-IP budget of every route that sends an invitation again: AutoDoc resend and Vortex reinvite share
 * it (and the binding's counters), so a client cannot double its budget by switching dialect.
 */
export function resendClientIpLimit(): MiddlewareHandler<AppEnv> {
  return limitByClientIp("send-again", (env) => env.RESEND_IP_LIMITER, RESENDS_PER_IP_PER_MINUTE);
}
