import type { MiddlewareHandler } from "hono";
import { orgThrottle, type ThrottleBucket } from "../durable-objects/org-throttle";
import type { AppEnv, Principal } from "../env";
import { ApiError } from "./errors";

/** Resends per organization and minute (seed 003), in a bucket apart from creation. */
export const RESENDS_PER_MINUTE = 20;

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
 * Exact per-organization limits in the OrgThrottle Durable Object. `ORG_RESENDS_PER_MINUTE`, when set (only
 * `npm run bench` does), replaces the resend bucket's limit, so that a load of refused resends is refused by
 * the cooldown it measures rather than by this budget.
 */
export async function takeOrganizationBudget(
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
