import { env } from "cloudflare:workers";
import { afterEach, describe, it, vi } from "vitest";
import { admin, call, createTenant } from "../../helpers/api";
import { resend, travelTo } from "../../helpers/invitations";

afterEach(() => {
  vi.useRealTimers();
});

const MISSING = "adi_000000000000000000000000";
const countInvitations = async () =>
  (await env.DB.prepare("select count(*) as n from invitations").first<{ n: number }>())?.n ?? 0;

/** Pins the Worker's clock 5 s into a minute, so a burst cannot straddle two per-minute windows. */
function pinToMinuteStart(): void {
  const now = Date.now();
  travelTo(now - (now % 60_000) + 60_000 + 5_000);
}

/** The binding's windows follow the real clock: start a burst early in a minute. */
async function awayFromRealMinuteEdge(): Promise<void> {
  const intoMinute = Date.now() % 60_000;
  if (intoMinute > 40_000) await new Promise((resolve) => setTimeout(resolve, 60_500 - intoMinute));
}

describe("resend throttles", () => {
  it("allows 30 resend requests per minute from one IP, across organizations", async ({ expect }) => {
    const [first, second] = [await createTenant(), await createTenant()];
    await awayFromRealMinuteEdge();
    const ip = "192.0.2.77";
    for (let i = 0; i < 30; i += 1) {
      const res = await resend(i % 2 === 0 ? first.testKey : second.testKey, MISSING, ip);
      expect(res.status).toBe(404);
    }
    const over = await resend(first.testKey, MISSING, ip);
    expect(over.status).toBe(429);
    expect(over.body).toMatchObject({ error: { code: "rate_limited" } });
    expect(Number(over.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect((await resend(first.testKey, MISSING, "192.0.2.78")).status).toBe(404);
  }, 90_000);

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
    const before = await countInvitations();
    const over = await call("POST", "/v1/autodoc/invitations", { token: tenant.testKey, body });
    expect(over.status).toBe(429);
    expect(over.body).toMatchObject({ error: { code: "rate_limited" } });
    expect(await countInvitations()).toBe(before);
    expect((await resend(tenant.testKey, MISSING)).status).toBe(404);
  });
});
