import { env } from "cloudflare:workers";
import { describe, it } from "vitest";
import { MAX_WEBHOOK_ENDPOINTS } from "../../../src/db/webhook-endpoints-repo";
import { admin, call, createTenant, type Tenant } from "../../helpers/api";

type Mode = "live" | "test";

interface EndpointApi {
  name: string;
  format: "standard" | "vortex";
  create: (tenant: Tenant, mode: Mode) => ReturnType<typeof call>;
}

const url = () => `https://customer.example/cap-${crypto.randomUUID()}`;

/** Each list has its own cap: AutoDoc `standard` endpoints, and the operator's Vortex-format ones. */
const APIS: EndpointApi[] = [
  {
    name: "AutoDoc API",
    format: "standard",
    create: (tenant, mode) =>
      call("POST", "/v1/autodoc/webhook_endpoints", {
        token: mode === "live" ? tenant.liveKey : tenant.testKey,
        body: { url: url(), events: ["invitation.created"] },
      }),
  },
  {
    name: "operator API (Vortex format)",
    format: "vortex",
    create: (tenant, mode) =>
      admin("POST", `/organizations/${tenant.slug}/vortex-webhooks`, { url: url(), mode }),
  },
];

/** The endpoints stored for the tenant, read in D1 itself. */
async function stored(tenant: Tenant, format: string, mode: Mode): Promise<number> {
  const row = await env.DB.prepare(
    `SELECT count(*) AS n FROM webhook_endpoints e JOIN organizations o ON o.id = e.organization_id
     WHERE o.slug = ? AND e.format = ? AND e.livemode = ?`,
  )
    .bind(tenant.slug, format, mode === "live" ? 1 : 0)
    .first<{ n: number }>();
  return row?.n ?? -1;
}

async function createMany(api: EndpointApi, tenant: Tenant, mode: Mode, count: number) {
  for (let i = 0; i < count; i += 1) {
    const res = await api.create(tenant, mode);
    if (res.status !== 201) throw new Error(`endpoint ${i + 1}: ${res.status} ${JSON.stringify(res.body)}`);
  }
}

describe.each(APIS)("webhook endpoint cap: $name", (api) => {
  it(`creates the ${MAX_WEBHOOK_ENDPOINTS}th endpoint of a mode and refuses one more with 422 limit_reached, writing nothing`, async ({
    expect,
  }) => {
    expect(MAX_WEBHOOK_ENDPOINTS).toBe(16);
    const tenant = await createTenant();
    await createMany(api, tenant, "live", MAX_WEBHOOK_ENDPOINTS - 1);
    const last = await api.create(tenant, "live");
    expect(last.status).toBe(201);
    expect(await stored(tenant, api.format, "live")).toBe(16);
    const refused = await api.create(tenant, "live");
    expect(refused.status).toBe(422);
    expect(refused.body).toEqual({
      error: {
        code: "limit_reached",
        message: expect.stringMatching(/already has 16 .* in live mode, the most allowed\. Delete one/),
        requestId: expect.any(String),
      },
    });
    expect(await stored(tenant, api.format, "live")).toBe(16);
    // The other mode, and the other API's list, have caps of their own.
    expect((await api.create(tenant, "test")).status).toBe(201);
    const other = APIS.find((a) => a !== api);
    expect(other && (await other.create(tenant, "live")).status).toBe(201);
  });

  it("lets one of several concurrent creates at 15 through, and no more", async ({ expect }) => {
    const tenant = await createTenant();
    await createMany(api, tenant, "live", MAX_WEBHOOK_ENDPOINTS - 1);
    const results = await Promise.all([1, 2, 3, 4].map(() => api.create(tenant, "live")));
    expect(results.map((r) => r.status).sort()).toEqual([201, 422, 422, 422]);
    expect(await stored(tenant, api.format, "live")).toBe(16);
  });

  it("frees a place when an endpoint is deleted", async ({ expect }) => {
    const tenant = await createTenant();
    await createMany(api, tenant, "test", MAX_WEBHOOK_ENDPOINTS);
    expect((await api.create(tenant, "test")).status).toBe(422);
    const { id } = (await env.DB.prepare(
      `SELECT e.id FROM webhook_endpoints e JOIN organizations o ON o.id = e.organization_id
       WHERE o.slug = ? AND e.format = ? AND e.livemode = 0 LIMIT 1`,
    )
      .bind(tenant.slug, api.format)
      .first<{ id: string }>()) ?? { id: "" };
    const removal =
      api.format === "standard"
        ? await call("DELETE", `/v1/autodoc/webhook_endpoints/${id}`, { token: tenant.testKey })
        : await admin("DELETE", `/organizations/${tenant.slug}/vortex-webhooks/${id}`);
    expect(removal.status).toBe(200);
    expect((await api.create(tenant, "test")).status).toBe(201);
  });
});
