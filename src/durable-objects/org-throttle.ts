import { DurableObject } from "cloudflare:workers";

const WINDOW_MS = 60_000;

export type ThrottleBucket = "resend" | "create";

export type ThrottleDecision = { ok: true; remaining: number } | { ok: false; retryAfterSeconds: number };

interface Window {
  start: number;
  count: number;
}

/**
 * One per organization and mode: exact per-minute counters, one bucket per kind of request, so that
 * creating invitations never uses up resends nor the reverse. Windows are aligned to the minute; each
 * decision is a synchronous read-modify-write, so concurrent requests are counted exactly.
 */
export class OrgThrottle extends DurableObject<Env> {
  take(bucket: ThrottleBucket, limit: number, now: number): ThrottleDecision {
    const start = now - (now % WINDOW_MS);
    const stored = this.ctx.storage.kv.get<Window>(bucket);
    const window = stored?.start === start ? stored : { start, count: 0 };
    if (window.count >= limit) {
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((start + WINDOW_MS - now) / 1000)) };
    }
    const next = { start, count: window.count + 1 };
    this.ctx.storage.kv.put(bucket, next);
    return { ok: true, remaining: limit - next.count };
  }
}

/** The throttle of one organization in one mode. */
export function orgThrottle(
  env: Env,
  organizationId: string,
  livemode: boolean,
): DurableObjectStub<OrgThrottle> {
  const name = `${organizationId}:${livemode ? "live" : "test"}`;
  return env.ORG_THROTTLE.get(env.ORG_THROTTLE.idFromName(name));
}
