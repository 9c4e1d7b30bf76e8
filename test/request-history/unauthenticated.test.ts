import { env, exports } from "cloudflare:workers";
import { describe, it } from "vitest";
import { requestHistory } from "../../src/durable-objects/request-history";
import { API, admin, call } from "../helpers/api";
import { storedRecords, uniqueUserAgent } from "../helpers/request-history";
import { seedVortexTenant } from "../helpers/seed-tenant";
import { waitFor } from "../helpers/wait-for";

type Counts = { api: string; status: number; count: number }[];
type StoredCounts = (Counts[number] & { day: string })[];

/** Today's count for one API and status, read from the operator's object (not a request: it counts nothing). */
async function countOf(api: string, status: number): Promise<number> {
  const counts: StoredCounts = await requestHistory(env, "operator").unauthenticated(Date.now());
  const today = new Date().toISOString().slice(0, 10);
  return counts
    .filter((c) => c.day === today && c.api === api && c.status === status)
    .reduce((sum, c) => sum + c.count, 0);
}

describe("requests refused before authentication", () => {
  it("are counted for the operator per API and status, and attributed to no organization", async ({
    expect,
  }) => {
    const tenant = await seedVortexTenant();
    const userAgent = uniqueUserAgent("anonymous");
    const headers = { "User-Agent": userAgent };
    const before = {
      autodoc401: await countOf("autodoc", 401),
      vortex401: await countOf("vortex", 401),
      admin401: await countOf("admin", 401),
      admin415: await countOf("admin", 415),
    };
    // A key of the right shape that is not the organization's, no key, a bad Vortex key, a customer key on
    // the operator API, and a body refused before any key is checked.
    expect(
      (await call("GET", "/v1/autodoc/workflows", { token: `${tenant.liveKey}x`, headers })).status,
    ).toBe(401);
    expect((await call("GET", "/v1/autodoc/workflows", { headers })).status).toBe(401);
    const vortex = await exports.default.fetch(`${API}/api/v1/invitations/x`, {
      headers: { ...headers, "x-api-key": "VRTX.nope.nope" },
    });
    expect(vortex.status).toBe(401);
    expect(
      (await call("GET", `/admin/organizations/${tenant.slug}`, { token: tenant.liveKey, headers })).status,
    ).toBe(401);
    const textBody = await call("POST", "/admin/organizations", {
      rawBody: "slug=x",
      headers: { ...headers, "Content-Type": "text/plain" },
    });
    expect(textBody.status).toBe(415);

    await waitFor("the refusals counted", async () => (await countOf("admin", 415)) > before.admin415);
    expect(await countOf("autodoc", 401)).toBeGreaterThanOrEqual(before.autodoc401 + 2);
    expect(await countOf("vortex", 401)).toBeGreaterThanOrEqual(before.vortex401 + 1);
    expect(await countOf("admin", 401)).toBeGreaterThanOrEqual(before.admin401 + 1);

    // No history has them: neither the organization's (either mode) nor the operator's.
    for (const owner of [
      { organizationId: tenant.organizationId, livemode: true },
      { organizationId: tenant.organizationId, livemode: false },
      "operator" as const,
    ]) {
      expect(await storedRecords(owner, userAgent), JSON.stringify(owner)).toEqual([]);
    }

    const page = await admin("GET", "/unauthenticated-requests");
    expect(page.status).toBe(200);
    const body = page.body as { object: string; since: string; total: number; data: Counts };
    expect(body.object).toBe("unauthenticated_request_counts");
    expect(body.total).toBe(body.data.reduce((sum, c) => sum + c.count, 0));
    expect(body.data).toContainEqual(expect.objectContaining({ api: "admin", status: 415 }));
  });

  it("the operator's own requests go into the operator's history, not an organization's", async ({
    expect,
  }) => {
    const tenant = await seedVortexTenant();
    const userAgent = uniqueUserAgent("operator");
    await call("GET", `/admin/organizations/${tenant.slug}`, {
      token: env.ADMIN_TOKEN,
      headers: { "User-Agent": userAgent },
    });
    await waitFor(
      "the operator's request recorded",
      async () => (await storedRecords("operator", userAgent)).length > 0,
    );
    const page = await admin("GET", "/requests?path=/admin/organizations/{slug}&limit=100");
    const entry = (page.body.data as { userAgent: string; credential: unknown; route: string }[]).find(
      (e) => e.userAgent === userAgent,
    );
    expect(entry).toMatchObject({ credential: { type: "operator" }, route: "/admin/organizations/{slug}" });
    expect(await storedRecords({ organizationId: tenant.organizationId, livemode: true }, userAgent)).toEqual(
      [],
    );
  });
});
