import { json, networkError, RESEND_ERRORS, RESEND_RATE_LIMIT_HEADERS } from "../delivery/providers/fixtures";
import type { FaultInjector } from "./provider-calls";

/** Resend's documented answers that mean "try again later", and a dropped connection. */
const TRANSIENT: (() => Response)[] = [
  () => json(429, RESEND_ERRORS.rateLimited, RESEND_RATE_LIMIT_HEADERS),
  () => json(500, RESEND_ERRORS.applicationError),
  () => json(500, RESEND_ERRORS.internalError),
  () => json(429, RESEND_ERRORS.dailyQuota),
  () => json(409, RESEND_ERRORS.concurrent),
  () => {
    throw networkError();
  },
];
/** And those that mean "this message can never be sent". */
const PERMANENT = [
  RESEND_ERRORS.invalidTo,
  RESEND_ERRORS.missingField,
  RESEND_ERRORS.invalidParameter,
  RESEND_ERRORS.security,
];

export type Plan =
  | { kind: "ok" }
  | { kind: "transient"; failures: number }
  | { kind: "permanent"; error: (typeof PERMANENT)[number] };

/** 30 % transient (failing 1 to 3 times first), 5 % permanent, the rest accepted at once. */
function planFor(i: number): Plan {
  const error = PERMANENT[i % PERMANENT.length];
  if (i % 20 === 7 && error) return { kind: "permanent", error };
  if (i % 10 < 3) return { kind: "transient", failures: (i % 3) + 1 };
  return { kind: "ok" };
}

export const faultRecipient = (i: number) => `fault-${i}@example.com`;

/** What Resend will answer for each of `count` recipients, and the injector that makes it so. */
export function faultPlan(count: number) {
  const plans = new Map<string, Plan>();
  const failuresLeft = new Map<string, number>();
  for (let i = 0; i < count; i += 1) {
    const plan = planFor(i);
    plans.set(faultRecipient(i), plan);
    if (plan.kind === "transient") failuresLeft.set(faultRecipient(i), plan.failures);
  }
  let injected = 0;
  const inject: FaultInjector = ({ to }) => {
    const plan = plans.get(to);
    if (plan?.kind === "permanent") return json(plan.error.statusCode, plan.error);
    const left = failuresLeft.get(to) ?? 0;
    if (left === 0) return null;
    failuresLeft.set(to, left - 1);
    injected += 1;
    const fault = TRANSIENT[injected % TRANSIENT.length];
    return fault ? fault() : null;
  };
  return {
    plans,
    inject,
    injected: () => injected,
    count: (kind: Plan["kind"]) => [...plans.values()].filter((p) => p.kind === kind).length,
  };
}
