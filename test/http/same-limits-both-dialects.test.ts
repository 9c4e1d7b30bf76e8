import { env } from "cloudflare:workers";
import { afterEach, describe, type ExpectStatic, it, vi } from "vitest";
import { admin, call } from "../helpers/api";
import { resend, travelTo } from "../helpers/invitations";
import { createBody, createVortexTenant, type VortexTenant, vortex } from "../helpers/vortex";

afterEach(() => {
  vi.useRealTimers();
});

/** The organization's invitations in D1: other tests (and files) write theirs to the same database. */
const countInvitations = async (organizationId: string) =>
  (
    await env.DB.prepare("select count(*) as n from invitations where organization_id = ?")
      .bind(organizationId)
      .first<{ n: number }>()
  )?.n ?? -1;

/** Pins the Worker's clock 5 s into a minute, so a burst cannot straddle two per-minute windows. */
function pinToMinuteStart(): void {
  const now = Date.now();
  travelTo(now - (now % 60_000) + 60_000 + 5_000);
}

async function tenantWithCreationLimit(limit: number): Promise<VortexTenant> {
  const tenant = await createVortexTenant();
  const patched = await admin("PATCH", `/organizations/${tenant.slug}`, { creationRateLimit: limit });
  if (patched.status !== 200) throw new Error(JSON.stringify(patched.body));
  return tenant;
}

let scopes = 0;

/** Every path that creates an invitation, each answering in its own dialect. */
const CREATION_PATHS: Record<string, (t: VortexTenant) => Promise<{ status: number; body: unknown }>> = {
  "AutoDoc create": (t) =>
    call("POST", "/v1/autodoc/invitations", {
      token: t.testKey,
      body: { workflowToken: t.workflowToken, channel: "email", recipient: "a@example.com" },
    }),
  "Vortex create": (t) =>
    vortex(
      t.vortexTest,
      "POST",
      "/invitations",
      createBody(t.widgetId, { type: "email", value: "a@example.com" }),
    ),
  "Vortex autojoin (a new scope's invitation)": (t) => {
    scopes += 1;
    return vortex(t.vortexTest, "POST", "/invitations/autojoin", {
      scope: `scope-${scopes}`,
      scopeType: "team",
      domains: ["acme.com"],
      componentId: t.widgetId,
    });
  },
};

const refusedShape = (expect: ExpectStatic, name: string) =>
  name.startsWith("AutoDoc")
    ? { error: { code: "rate_limited", message: expect.stringContaining("invitations created") } }
    : { error: expect.stringContaining("invitations created per minute") };

describe("one creation budget per organization and mode, on every path that creates an invitation", () => {
  it.for(Object.keys(CREATION_PATHS))("%s takes it, and is refused past it", async (name, { expect }) => {
    const create = CREATION_PATHS[name];
    if (!create) throw new Error(name);
    const tenant = await tenantWithCreationLimit(2);
    pinToMinuteStart();
    for (let i = 0; i < 2; i += 1) expect((await create(tenant)).status).toBeLessThan(300);
    const before = await countInvitations(tenant.organizationId);
    const over = await create(tenant);
    expect(over.status).toBe(429);
    expect(over.body).toMatchObject(refusedShape(expect, name));
    expect(await countInvitations(tenant.organizationId)).toBe(before);
  });

  it("is shared by both dialects, kept per mode, and renewed each minute", async ({ expect }) => {
    const tenant = await tenantWithCreationLimit(2);
    pinToMinuteStart();
    const [autodoc, vortexCreate, autojoin] = Object.values(CREATION_PATHS);
    if (!autodoc || !vortexCreate || !autojoin) throw new Error("paths");
    expect((await autodoc(tenant)).status).toBe(201);
    expect((await vortexCreate(tenant)).status).toBe(201);
    expect((await autojoin(tenant)).status).toBe(429);
    expect((await autodoc(tenant)).status).toBe(429);
    // The live mode has its own bucket.
    const live = await vortex(
      tenant.vortexLive,
      "POST",
      "/invitations",
      createBody(tenant.widgetId, { type: "email", value: "b@example.com" }),
    );
    expect(live.status).toBe(201);
    travelTo(Date.now() + 60_000);
    expect((await vortexCreate(tenant)).status).toBe(201);
  });

  it("re-syncing an existing autojoin invitation creates nothing and takes nothing", async ({ expect }) => {
    const tenant = await tenantWithCreationLimit(1);
    pinToMinuteStart();
    const configure = (domains: string[]) =>
      vortex(tenant.vortexTest, "POST", "/invitations/autojoin", {
        scope: "the-scope",
        scopeType: "team",
        domains,
        componentId: tenant.widgetId,
      });
    expect((await configure(["acme.com"])).status).toBe(200);
    expect((await configure(["acme.com", "acme.io"])).status).toBe(200);
    expect((await configure([])).status).toBe(200);
  });
});

describe("one resend budget per organization and mode, shared by resend and reinvite", () => {
  it("counts AutoDoc resends and Vortex reinvites together, 20 a minute", async ({ expect }) => {
    const tenant = await createVortexTenant();
    pinToMinuteStart();
    const missing = "adi_000000000000000000000000";
    for (let i = 0; i < 10; i += 1) expect((await resend(tenant.testKey, missing)).status).toBe(404);
    for (let i = 0; i < 10; i += 1) {
      expect(
        (await vortex(tenant.vortexTest, "POST", `/invitations/${crypto.randomUUID()}/reinvite`, {})).status,
      ).toBe(404);
    }
    const reinvite = await vortex(
      tenant.vortexTest,
      "POST",
      `/invitations/${crypto.randomUUID()}/reinvite`,
      {},
    );
    expect(reinvite.status).toBe(429);
    expect(reinvite.body).toMatchObject({ error: expect.stringContaining("More than 20 resends") });
    expect((await resend(tenant.testKey, missing)).status).toBe(429);
  });
});

/** A string map at the bounds: `keys` keys named with `keyLength` characters, each value `valueLength` long. */
function stringMap(keys: number, keyLength = 40, valueLength = 500): Record<string, string> {
  return Object.fromEntries(
    Array.from({ length: keys }, (_, i) => [`${i}`.padStart(keyLength, "k"), "v".repeat(valueLength)]),
  );
}

describe("AutoDoc metadata and Vortex templateVariables take the same bounds", () => {
  const create = {
    autodoc: (t: VortexTenant, map: Record<string, string>) =>
      call("POST", "/v1/autodoc/invitations", {
        token: t.testKey,
        body: { workflowToken: t.workflowToken, channel: "email", recipient: "a@example.com", metadata: map },
      }),
    vortex: (t: VortexTenant, map: Record<string, string>) =>
      vortex(
        t.vortexTest,
        "POST",
        "/invitations",
        createBody(t.widgetId, { type: "email", value: "a@example.com" }, { templateVariables: map }),
      ),
  };

  it.for(Object.keys(create) as (keyof typeof create)[])(
    "%s: 50 keys of 40 characters with 500-character values pass; one more of any fails",
    async (dialect, { expect }) => {
      const tenant = await createVortexTenant();
      expect((await create[dialect](tenant, stringMap(50))).status).toBe(201);
      const refusals: [Record<string, string>, string][] = [
        [stringMap(51), "must have at most 50 keys."],
        [stringMap(1, 41), "must have keys of 1 to 40 characters."],
        [stringMap(1, 40, 501), "must have at most 500 characters."],
      ];
      for (const [over, reason] of refusals) {
        const before = await countInvitations(tenant.organizationId);
        const refused = await create[dialect](tenant, over);
        expect(refused.status).toBe(400);
        expect(JSON.stringify(refused.body)).toContain(reason);
        expect(await countInvitations(tenant.organizationId)).toBe(before);
      }
    },
  );
});
