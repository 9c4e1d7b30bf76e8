import { exports } from "cloudflare:workers";
import { describe, it } from "vitest";
import { API, admin, call } from "../helpers/api";
import { uniqueUserAgent, waitForRecords } from "../helpers/request-history";
import { type SeededVortexTenant, seedVortexTenant } from "../helpers/seed-tenant";

type Page = { data: { userAgent: string | null; credential: { type: string } }[]; hasMore: boolean };

const userAgents = (body: Record<string, unknown>) => (body as Page).data.map((entry) => entry.userAgent);

/** One AutoDoc and one Vortex request of `tenant` in live mode, marked with `userAgent`. */
async function liveTraffic(tenant: SeededVortexTenant, userAgent: string): Promise<void> {
  const headers = { "User-Agent": userAgent };
  expect200((await call("GET", "/v1/autodoc/workflows", { token: tenant.liveKey, headers })).status);
  const vortex = await exports.default.fetch(
    `${API}/api/v1/invitations?targetType=email&targetValue=a@example.com`,
    {
      headers: { ...headers, "x-api-key": tenant.vortexLive },
    },
  );
  expect200(vortex.status);
}

function expect200(status: number): void {
  if (status !== 200) throw new Error(`expected 200, got ${status}`);
}

describe("request histories are per organization and mode", () => {
  it("another organization's key and the other mode's key never see a request, on either route", async ({
    expect,
  }) => {
    const [owner, stranger] = await Promise.all([seedVortexTenant(), seedVortexTenant()]);
    const ownerAgent = uniqueUserAgent("owner");
    const strangerAgent = uniqueUserAgent("stranger");
    await liveTraffic(owner, ownerAgent);
    await liveTraffic(stranger, strangerAgent);
    // The test mode of the owner has traffic of its own, so that its reads are not empty by accident.
    const testAgent = uniqueUserAgent("owner-test");
    await call("GET", "/v1/autodoc/workflows", {
      token: owner.testKey,
      headers: { "User-Agent": testAgent },
    });
    await waitForRecords({ organizationId: owner.organizationId, livemode: true }, ownerAgent, 2);
    await waitForRecords({ organizationId: stranger.organizationId, livemode: true }, strangerAgent, 2);
    await waitForRecords({ organizationId: owner.organizationId, livemode: false }, testAgent, 1);

    // The owner's live key sees both of its live requests (the Vortex key's too), and nothing else's.
    const own = await call("GET", "/v1/autodoc/requests?limit=100", { token: owner.liveKey });
    expect(userAgents(own.body).filter((agent) => agent === ownerAgent)).toHaveLength(2);
    expect(userAgents(own.body)).not.toContain(strangerAgent);
    expect(userAgents(own.body)).not.toContain(testAgent);

    for (const [who, token] of [
      ["another organization's live key", stranger.liveKey],
      ["another organization's test key", stranger.testKey],
      ["the owner's test key", owner.testKey],
    ] as const) {
      const page = await call("GET", "/v1/autodoc/requests?limit=100", { token });
      expect(page.status, who).toBe(200);
      expect(userAgents(page.body), who).not.toContain(ownerAgent);
    }
    // The reads that must not see the owner's requests do see their own: they are not empty by accident.
    const strangerLive = await call("GET", "/v1/autodoc/requests?limit=100", { token: stranger.liveKey });
    expect(userAgents(strangerLive.body)).toContain(strangerAgent);
    const ownTest = await call("GET", "/v1/autodoc/requests?limit=100", { token: owner.testKey });
    expect(userAgents(ownTest.body)).toContain(testAgent);

    // The operator route: the owner's live history has both, every other (organization, mode) neither.
    const operatorLive = await admin("GET", `/organizations/${owner.slug}/requests?mode=live&limit=100`);
    expect(operatorLive.status).toBe(200);
    expect(userAgents(operatorLive.body).filter((agent) => agent === ownerAgent)).toHaveLength(2);
    expect(
      (operatorLive.body as Page).data
        .filter((entry) => entry.userAgent === ownerAgent)
        .map((entry) => entry.credential.type)
        .sort(),
    ).toEqual(["private_key", "vortex_key"]);
    for (const [slug, mode] of [
      [owner.slug, "test"],
      [stranger.slug, "live"],
      [stranger.slug, "test"],
    ] as const) {
      const page = await admin("GET", `/organizations/${slug}/requests?mode=${mode}&limit=100`);
      expect(page.status, `${slug} ${mode}`).toBe(200);
      expect(userAgents(page.body), `${slug} ${mode}`).not.toContain(ownerAgent);
    }
    const operatorTest = await admin("GET", `/organizations/${owner.slug}/requests?mode=test&limit=100`);
    expect(userAgents(operatorTest.body)).toContain(testAgent);
    const operatorStranger = await admin(
      "GET",
      `/organizations/${stranger.slug}/requests?mode=live&limit=100`,
    );
    expect(userAgents(operatorStranger.body)).toContain(strangerAgent);
  });

  it("the operator route names an organization and a mode, or says what is wrong", async ({ expect }) => {
    const tenant = await seedVortexTenant();
    const noMode = await admin("GET", `/organizations/${tenant.slug}/requests`);
    expect(noMode.status).toBe(400);
    expect(noMode.body).toMatchObject({ error: { code: "validation_error", details: [{ field: "mode" }] } });
    const unknown = await admin("GET", "/organizations/no-such-organization/requests?mode=live");
    expect(unknown.status).toBe(404);
    const anonymous = await call("GET", `/admin/organizations/${tenant.slug}/requests?mode=live`);
    expect(anonymous.status).toBe(401);
    // A customer's key is not the operator token.
    const customer = await call("GET", `/admin/organizations/${tenant.slug}/requests?mode=live`, {
      token: tenant.liveKey,
    });
    expect(customer.status).toBe(401);
  });
});
