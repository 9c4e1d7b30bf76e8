import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import worker from "../../src/index";
import { API } from "./api";

/**
 * A stand-in for the Workers Rate Limiting binding, outside our code: the same `limit({ key })` contract
 * (`{ success }`, one unit per call while a key is under `limit`), counting per key in a fixed window that
 * the test moves with `nextWindow()`. The real binding's windows follow the wall clock's minute, which no
 * test can move (fake timers do not reach it). `keys` records every key asked for, in order.
 */
export function windowedRateLimiter(limit: number) {
  let counts = new Map<string, number>();
  const keys: string[] = [];
  const binding: RateLimit = {
    async limit({ key }) {
      keys.push(key);
      const used = counts.get(key) ?? 0;
      if (used >= limit) return { success: false };
      counts.set(key, used + 1);
      return { success: true };
    },
  };
  return {
    binding,
    keys,
    /** The next window opens: every key starts again from zero. */
    nextWindow(): void {
      counts = new Map();
    },
  };
}

/** The real bindings, with `RESEND_IP_LIMITER` replaced (e.g. by `windowedRateLimiter(30).binding`). */
export const withResendIpLimiter = (limiter: RateLimit): Env => ({ ...env, RESEND_IP_LIMITER: limiter });

/**
 * A request to the Worker's own fetch handler under `runEnv` (its `waitUntil` work included), JSON out.
 * `call()` (api.ts) always runs with the real bindings.
 */
export async function callWith(
  runEnv: Env,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers["Content-Type"] = "application/json";
  const request = new Request(`${API}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const ctx = createExecutionContext();
  const res = await worker.fetch(request, runEnv, ctx);
  await waitOnExecutionContext(ctx);
  const text = await res.text();
  return {
    status: res.status,
    body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
    headers: res.headers,
  };
}
