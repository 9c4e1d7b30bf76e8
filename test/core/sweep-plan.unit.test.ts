import { describe, expect, it } from "vitest";
import { GIVE_UPS_PER_RUN, planSweep } from "../../src/core/sweep-plan";

const now = new Date("2026-06-01T12:00:00Z");
const future = new Date(now.getTime() + 86_400_000);
const past = new Date(now.getTime() - 1);

const revoked = (n: number) => ({ n, deactivated: true, expiresAt: future });
const expired = (n: number) => ({ n, deactivated: false, expiresAt: past });
const lost = (n: number) => ({ n, deactivated: false, expiresAt: future });

describe("planSweep", () => {
  it("re-enqueues what may still be sent and gives up what never will, with the cause", () => {
    const plan = planSweep([lost(1), revoked(2), expired(3), lost(4)], now);
    expect(plan.requeue.map((row) => row.n)).toEqual([1, 4]);
    expect(plan.giveUp.map(({ row, cause }) => [row.n, cause])).toEqual([
      [2, "revoked"],
      [3, "expired"],
    ]);
  });

  it(`gives up ${GIVE_UPS_PER_RUN} in one run, and leaves the one past that for the next`, () => {
    const atMax = Array.from({ length: GIVE_UPS_PER_RUN }, (_, n) => revoked(n));
    expect(planSweep(atMax, now).giveUp).toHaveLength(GIVE_UPS_PER_RUN);
    const onePast = [...atMax, expired(GIVE_UPS_PER_RUN), lost(GIVE_UPS_PER_RUN + 1)];
    const plan = planSweep(onePast, now);
    expect(plan.giveUp).toHaveLength(GIVE_UPS_PER_RUN);
    expect(plan.giveUp.map(({ row }) => row.n)).not.toContain(GIVE_UPS_PER_RUN);
    // The cap holds back only give-ups: a lost message after it is still re-enqueued.
    expect(plan.requeue.map((row) => row.n)).toEqual([GIVE_UPS_PER_RUN + 1]);
  });
});
