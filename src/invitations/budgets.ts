import { orgThrottle, type ThrottleBucket } from "../durable-objects/org-throttle";
import type { Principal } from "../env";
import type { Refusal } from "./refusals";

/** Resends per organization and minute (AutoDoc's resend reference), in a bucket apart from creation. */
export const RESENDS_PER_MINUTE = 20;

/**
 * Every path that creates an invitation (AutoDoc create, Vortex create, a Vortex autojoin configuration that
 * makes the scope's invitation) takes one unit of the organization's creation budget for its mode, whatever
 * the dialect: one bucket per organization and mode.
 */
export function takeCreationBudget(env: Env, principal: Principal, now: Date): Promise<Refusal | null> {
  return take(env, principal, "create", principal.creationRateLimit, now);
}

/** Every path that sends an invitation again (AutoDoc resend, Vortex reinvite) takes the resend budget. */
export function takeResendBudget(env: Env, principal: Principal, now: Date): Promise<Refusal | null> {
  const override = Number(env.ORG_RESENDS_PER_MINUTE);
  // Only `npm run bench` sets it, so that a load of refused resends meets the cooldown it measures.
  const limit = Number.isInteger(override) && override > 0 ? override : RESENDS_PER_MINUTE;
  return take(env, principal, "resend", limit, now);
}

/** One unit of an exact per-organization, per-minute budget (the OrgThrottle Durable Object). */
async function take(
  env: Env,
  principal: Principal,
  bucket: ThrottleBucket,
  limit: number,
  now: Date,
): Promise<Refusal | null> {
  const throttle = orgThrottle(env, principal.organizationId, principal.livemode);
  const decision = await throttle.take(bucket, limit, now.getTime());
  if (decision.ok) return null;
  const budget = bucket === "resend" ? "resends" : "creations";
  return { kind: "rate_limited", budget, limit, retryAfterSeconds: decision.retryAfterSeconds };
}
