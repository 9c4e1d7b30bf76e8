import { env } from "cloudflare:workers";
import { afterEach, describe, it, vi } from "vitest";
import { RESENDS_PER_IP_PER_MINUTE } from "../../../src/http/rate-limit";
import { admin, call, createTenant, type Tenant } from "../../helpers/api";
import { clientIp, resend, travelTo } from "../../helpers/invitations";
import { callWith, windowedRateLimiter, withResendIpLimiter } from "../../helpers/rate-limit-window";
import { createVortexTenant } from "../../helpers/vortex";

afterEach(() => {
  vi.useRealTimers();
});

const MISSING = "adi_000000000000000000000000";
/** The tenant's invitations, counted in D1: other files' rows are none of this test's business. */
const invitationsOf = async (tenant: Tenant) =>
  (
    await env.DB.prepare(
      "select count(*) as n from invitations i join organizations o on o.id = i.organization_id where o.slug = ?",
    )
      .bind(tenant.slug)
      .first<{ n: number }>()
  )?.n ?? -1;

/** Pins the Worker's clock 5 s into a minute, so a burst cannot straddle two per-minute windows. */
function pinToMinuteStart(): void {
  const now = Date.now();
  travelTo(now - (now % 60_000) + 60_000 + 5_000);
}

const BY_ADDRESS = `More than ${RESENDS_PER_IP_PER_MINUTE} requests per minute from this address.`;

const resendWith = (runEnv: Env, key: string, ip: string) =>
  callWith(runEnv, "POST", `/v1/autodoc/invitations/${MISSING}/resend`, {
    token: key,
    headers: { "CF-Connecting-IP": ip },
  });

const reinviteWith = (runEnv: Env, key: string, ip: string) =>
  callWith(runEnv, "POST", `/api/v1/invitations/${crypto.randomUUID()}/reinvite`, {
    headers: { "CF-Connecting-IP": ip, "x-api-key": key },
  });

describe("resend throttles", () => {
  it("counts AutoDoc resends and Vortex reinvites from one IP against one budget of 30", async ({
    expect,
  }) => {
    const limiter = windowedRateLimiter(RESENDS_PER_IP_PER_MINUTE);
    const runEnv = withResendIpLimiter(limiter.binding);
    // Two tenants per dialect, so that no organization reaches its own 20 a minute.
    const autodoc = [await createTenant(), await createTenant()];
    const vortex = [await createVortexTenant(), await createVortexTenant()];
    const ip = clientIp();
    for (let i = 0; i < 15; i += 1) {
      expect((await resendWith(runEnv, autodoc[i % 2]?.testKey ?? "", ip)).status).toBe(404);
      expect((await reinviteWith(runEnv, vortex[i % 2]?.vortexTest ?? "", ip)).status).toBe(404);
    }
    // The 31st, in either dialect, is over the address's budget.
    const overVortex = await reinviteWith(runEnv, vortex[0]?.vortexTest ?? "", ip);
    expect(overVortex.status).toBe(429);
    expect(overVortex.headers.get("Retry-After")).toBe("60");
    const overAutodoc = await resendWith(runEnv, autodoc[0]?.testKey ?? "", ip);
    expect(overAutodoc.body).toMatchObject({ error: { code: "rate_limited", message: BY_ADDRESS } });
    expect(new Set(limiter.keys).size).toBe(1);
  });

  it("allows 30 resend requests per minute from one IP, across organizations, and 30 again the next minute", async ({
    expect,
  }) => {
    // The binding's minute window, in the test's hands (the real one follows the wall clock).
    const limiter = windowedRateLimiter(RESENDS_PER_IP_PER_MINUTE);
    const runEnv = withResendIpLimiter(limiter.binding);
    const [first, second] = [await createTenant(), await createTenant()];
    const ip = clientIp();
    for (let i = 0; i < 30; i += 1) {
      const res = await resendWith(runEnv, i % 2 === 0 ? first.testKey : second.testKey, ip);
      expect(res.status).toBe(404);
    }
    const over = await resendWith(runEnv, first.testKey, ip);
    expect(over.status).toBe(429);
    expect(over.body).toMatchObject({ error: { code: "rate_limited", message: BY_ADDRESS } });
    expect(over.headers.get("Retry-After")).toBe("60");
    expect((await resendWith(runEnv, first.testKey, clientIp())).status).toBe(404);
    // One key per address: the 31st counted against the same key as the first 30.
    expect(new Set(limiter.keys.slice(0, 31)).size).toBe(1);
    expect(limiter.keys[0]).toContain(ip);
    // The next minute of the binding (organizations of their own: each has 20 resends a minute).
    limiter.nextWindow();
    const [third, fourth] = [await createTenant(), await createTenant()];
    for (let i = 0; i < 30; i += 1) {
      expect((await resendWith(runEnv, i % 2 === 0 ? third.testKey : fourth.testKey, ip)).status).toBe(404);
    }
    const overAgain = await resendWith(runEnv, third.testKey, ip);
    expect(overAgain.body).toMatchObject({ error: { code: "rate_limited", message: BY_ADDRESS } });
  });

  it("refuses one of 61 resend requests from one IP on the real binding, and never one of the first 30", async ({
    expect,
  }) => {
    // The real binding counts in wall-clock minutes, which a burst may straddle: then the count starts again.
    // Whatever the edge, a fresh address's first 30 fit (no window can hold more of them than 30), and 61 in
    // under a minute touch at most two windows, which hold at most 60: at least one is refused.
    // Four organizations, so that none reaches its own 20 resends a minute.
    const keys = await Promise.all([1, 2, 3, 4].map(async () => (await createTenant()).testKey));
    const ip = clientIp();
    const started = performance.now();
    const answers = [];
    for (let i = 0; i < 61; i += 1) answers.push(await resend(keys[i % 4] ?? "", MISSING, ip));
    expect(performance.now() - started).toBeLessThan(60_000);
    expect(answers.slice(0, 30).map((a) => a.status)).toEqual(Array(30).fill(404));
    const refused = answers.filter((a) => a.status === 429);
    expect(refused.length).toBeGreaterThanOrEqual(1);
    expect(answers.every((a) => a.status === 404 || a.status === 429)).toBe(true);
    for (const answer of refused) {
      expect(answer.body).toMatchObject({ error: { code: "rate_limited", message: BY_ADDRESS } });
      expect(answer.headers.get("Retry-After")).toBe("60");
    }
    expect((await resend(keys[0] ?? "", MISSING, clientIp())).status).toBe(404);
  });

  it("allows 20 resends per minute per organization, exactly, with Retry-After", async ({ expect }) => {
    const tenant = await createTenant();
    pinToMinuteStart();
    for (let i = 0; i < 20; i += 1) expect((await resend(tenant.testKey, MISSING)).status).toBe(404);
    const over = await resend(tenant.testKey, MISSING);
    expect(over.status).toBe(429);
    expect(over.body).toMatchObject({ error: { code: "rate_limited" } });
    expect(over.headers.get("Retry-After")).toBe("55");
    // Another organization, and the other mode of this one, have their own buckets.
    const other = await createTenant();
    expect((await resend(other.testKey, MISSING)).status).toBe(404);
    expect((await resend(tenant.liveKey, MISSING)).status).toBe(404);
    // Creation has its own bucket too.
    const created = await call("POST", "/v1/autodoc/invitations", {
      token: tenant.testKey,
      body: { workflowToken: tenant.workflowToken, channel: "email", recipient: "a@example.com" },
    });
    expect(created.status).toBe(201);
    // The next minute opens a new window.
    travelTo(Date.now() + 60_000);
    expect((await resend(tenant.testKey, MISSING)).status).toBe(404);
  });

  it("limits creation per organization as configured, without touching resends; a throttled create writes nothing", async ({
    expect,
  }) => {
    const tenant = await createTenant();
    const patched = await admin("PATCH", `/organizations/${tenant.slug}`, { creationRateLimit: 3 });
    expect(patched.body).toMatchObject({ creationRateLimit: 3 });
    pinToMinuteStart();
    const body = { workflowToken: tenant.workflowToken, channel: "email", recipient: "a@example.com" };
    for (let i = 0; i < 3; i += 1) {
      expect((await call("POST", "/v1/autodoc/invitations", { token: tenant.testKey, body })).status).toBe(
        201,
      );
    }
    const before = await invitationsOf(tenant);
    expect(before).toBe(3);
    const over = await call("POST", "/v1/autodoc/invitations", { token: tenant.testKey, body });
    expect(over.status).toBe(429);
    expect(over.body).toMatchObject({ error: { code: "rate_limited" } });
    expect(await invitationsOf(tenant)).toBe(before);
    expect((await resend(tenant.testKey, MISSING)).status).toBe(404);
  });
});
