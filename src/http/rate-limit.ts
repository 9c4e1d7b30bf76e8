import type { MiddlewareHandler } from "hono";
import { orgThrottle, type ThrottleBucket } from "../durable-objects/org-throttle";
import type { AppEnv, Principal } from "../env";
import { ApiError } from "./errors";

/** Resends per organization and minute (seed 003), in a bucket apart from creation. */
export const RESENDS_PER_MINUTE = 20;
/** Resend requests per client IP and minute (seed 003); the binding's own `simple.limit` must match. */
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
 * deliberately approximate). It only guards against one client hammering an endpoint.
 */
export function limitByClientIp(
  binding: (env: Env) => RateLimit,
  perMinute: number,
): MiddlewareHandler<AppEnv> {
  return async function clientIpLimit(c, next) {
    const ip = c.req.header("CF-Connecting-IP") ?? "unknown";
    const { success } = await binding(c.env).limit({ key: `${c.req.routePath}:${ip}` });
    if (!success) throw rateLimited(`More than ${perMinute} requests per minute from this address.`, 60);
    await next();
  };
}

/**
 * The per-IP budget of every route that sends an invitation again: AutoDoc resend and Vortex reinvite share
 * it (and the binding's counters), so a client cannot double its budget by switching dialect.
 */
export function resendClientIpLimit(): MiddlewareHandler<AppEnv> {
  return limitByClientIp((env) => env.RESEND_IP_LIMITER, RESENDS_PER_IP_PER_MINUTE);
}

/**
 * Every path that creates an invitation (AutoDoc create, Vortex create, a Vortex autojoin configuration
 * that makes the scope's invitation) takes one unit of the organization's creation budget for its mode,
 * whatever the dialect: one bucket per organization and mode.
 */
export function takeCreationBudget(env: Env, principal: Principal, now: number): Promise<void> {
  return takeOrganizationBudget(env, principal, "create", principal.creationRateLimit, now);
}

/** Every path that sends an invitation again (AutoDoc resend, Vortex reinvite) takes the resend budget. */
export function takeResendBudget(env: Env, principal: Principal, now: number): Promise<void> {
  return takeOrganizationBudget(env, principal, "resend", RESENDS_PER_MINUTE, now);
}

/**
 * Exact per-organization limits in the OrgThrottle Durable Object. `ORG_RESENDS_PER_MINUTE`, when set (only
 * `npm run bench` does), replaces the resend bucket's limit, so that a load of refused resends is refused by
 * the cooldown it measures rather than by this budget.
 */
async function takeOrganizationBudget(
  env: Env,
  principal: Principal,
  bucket: ThrottleBucket,
  requestedLimit: number,
  now: number,
): Promise<void> {
  const override = Number(env.ORG_RESENDS_PER_MINUTE);
  const limit = bucket === "resend" && Number.isInteger(override) && override > 0 ? override : requestedLimit;
  const decision = await orgThrottle(env, principal.organizationId, principal.livemode).take(
    bucket,
    limit,
    now,
  );
  if (!decision.ok) {
    const what = bucket === "resend" ? "resends" : "invitations created";
    throw rateLimited(
      `More than ${limit} ${what} per minute for this organization.`,
      decision.retryAfterSeconds,
    );
  }
}
