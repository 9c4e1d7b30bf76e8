import { describe, it } from "vitest";
import { call, createInvitation, createTenant, type Tenant } from "../../helpers/api";

async function seed(tenant: Tenant, key: string, count: number, extra: Record<string, unknown> = {}) {
  const created = [];
  for (let i = 0; i < count; i += 1) {
    created.push(
      await createInvitation(key, {
        workflowToken: tenant.workflowToken,
        channel: i % 2 === 0 ? "email" : "sms",
        recipient: i % 2 === 0 ? `p${i}@example.com` : `+1555000${String(1000 + i)}`,
        ...extra,
      }),
    );
  }
  return created;
}

type ListBody = { object: string; data: { token: string }[]; hasMore: boolean };

describe("GET /v1/autodoc/invitations", () => {
  it("lists newest first and pages with startingAfter", async ({ expect }) => {
    const tenant = await createTenant();
    const created = await seed(tenant, tenant.liveKey, 5);
    const newestFirst = created.map((i) => i.token).reverse();
    const first = await call("GET", "/v1/autodoc/invitations?limit=2", { token: tenant.liveKey });
    const page1 = first.body as unknown as ListBody;
    expect(page1.object).toBe("list");
    expect(page1.data.map((i) => i.token)).toEqual(newestFirst.slice(0, 2));
    expect(page1.hasMore).toBe(true);
    const cursor = page1.data[1]?.token;
    const second = await call("GET", `/v1/autodoc/invitations?limit=2&startingAfter=${cursor}`, {
      token: tenant.liveKey,
    });
    expect((second.body as unknown as ListBody).data.map((i) => i.token)).toEqual(newestFirst.slice(2, 4));
    const last = await call("GET", `/v1/autodoc/invitations?limit=2&startingAfter=${newestFirst[3]}`, {
      token: tenant.liveKey,
    });
    const page3 = last.body as unknown as ListBody;
    expect(page3.data.map((i) => i.token)).toEqual(newestFirst.slice(4));
    expect(page3.hasMore).toBe(false);
  });

  it("filters by reference, status and channel", async ({ expect }) => {
    const tenant = await createTenant();
    await seed(tenant, tenant.liveKey, 4);
    const [tagged] = await seed(tenant, tenant.liveKey, 1, { reference: "crm-42" });
    const byReference = await call("GET", "/v1/autodoc/invitations?reference=crm-42", {
      token: tenant.liveKey,
    });
    expect((byReference.body as unknown as ListBody).data.map((i) => i.token)).toEqual([tagged?.token]);
    const sms = await call("GET", "/v1/autodoc/invitations?channel=sms", { token: tenant.liveKey });
    const smsData = (sms.body as unknown as { data: { channel: string }[] }).data;
    expect(smsData).toHaveLength(2);
    expect(smsData.every((i) => i.channel === "sms")).toBe(true);
    const pending = await call("GET", "/v1/autodoc/invitations?status=pending&limit=100", {
      token: tenant.liveKey,
    });
    expect((pending.body as unknown as ListBody).data.length).toBeGreaterThan(0);
    const failed = await call("GET", "/v1/autodoc/invitations?status=failed", { token: tenant.liveKey });
    expect((failed.body as unknown as ListBody).data).toEqual([]);
  });

  it("validates its query", async ({ expect }) => {
    const tenant = await createTenant();
    for (const query of [
      "limit=0",
      "limit=101",
      "limit=abc",
      "status=lost",
      "channel=fax",
      "startingAfter=adi_x",
    ]) {
      const res = await call("GET", `/v1/autodoc/invitations?${query}`, { token: tenant.liveKey });
      expect(res.status, query).toBe(400);
      expect(res.body, query).toMatchObject({ error: { code: "validation_error" } });
    }
  });
});

describe("isolation between organizations and modes", () => {
  it("hides another organization's and the other mode's invitations", async ({ expect }) => {
    const tenant = await createTenant();
    const other = await createTenant();
    const [live] = await seed(tenant, tenant.liveKey, 1, { reference: "shared-ref" });
    const token = String(live?.token);
    for (const key of [tenant.testKey, other.liveKey, other.testKey]) {
      const get = await call("GET", `/v1/autodoc/invitations/${token}`, { token: key });
      expect(get.status).toBe(404);
      expect(get.body).toMatchObject({ error: { code: "not_found" } });
      const list = await call("GET", "/v1/autodoc/invitations?reference=shared-ref", { token: key });
      expect((list.body as unknown as ListBody).data).toEqual([]);
      const outbox = await call("GET", `/v1/autodoc/outbox?invitation=${token}`, { token: key });
      expect((outbox.body as unknown as ListBody).data).toEqual([]);
      const page = await call("GET", `/v1/autodoc/invitations?startingAfter=${token}`, { token: key });
      expect(page.status).toBe(400);
    }
    const own = await call("GET", `/v1/autodoc/invitations/${token}`, { token: tenant.liveKey });
    expect(own.status).toBe(200);
    expect(own.body.token).toBe(token);
  });

  it("hides another organization's and the other mode's workflows", async ({ expect }) => {
    const tenant = await createTenant();
    const other = await createTenant();
    const made = await call("POST", "/v1/autodoc/workflows", {
      token: tenant.liveKey,
      body: { name: "Private" },
    });
    const wf = String(made.body.token);
    for (const key of [tenant.testKey, other.liveKey]) {
      expect((await call("GET", `/v1/autodoc/workflows/${wf}`, { token: key })).status).toBe(404);
      expect((await call("POST", `/v1/autodoc/workflows/${wf}/archive`, { token: key })).status).toBe(404);
      const list = await call("GET", "/v1/autodoc/workflows", { token: key });
      expect((list.body as unknown as { data: { token: string }[] }).data.map((w) => w.token)).not.toContain(
        wf,
      );
    }
  });
});

describe("workflows and locales", () => {
  it("creates, lists, retrieves and archives workflows", async ({ expect }) => {
    const tenant = await createTenant();
    const made = await call("POST", "/v1/autodoc/workflows", {
      token: tenant.liveKey,
      body: { name: "KYC" },
    });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ object: "workflow", name: "KYC", archived: false });
    const dup = await call("POST", "/v1/autodoc/workflows", {
      token: tenant.liveKey,
      body: { name: "Again", token: tenant.workflowToken },
    });
    expect(dup.status).toBe(409);
    const list = await call("GET", "/v1/autodoc/workflows", { token: tenant.liveKey });
    expect((list.body as unknown as { data: unknown[] }).data).toHaveLength(2);
    const archived = await call("POST", `/v1/autodoc/workflows/${made.body.token}/archive`, {
      token: tenant.liveKey,
    });
    expect(archived.body).toMatchObject({ archived: true });
    const got = await call("GET", `/v1/autodoc/workflows/${made.body.token}`, { token: tenant.liveKey });
    expect(got.body).toMatchObject({ archived: true, name: "KYC" });
  });

  it("lists the supported locales with the organization's default", async ({ expect }) => {
    const tenant = await createTenant({ defaultLocale: "fr" });
    const res = await call("GET", "/v1/autodoc/invitations/locales", { token: tenant.liveKey });
    expect(res.status).toBe(200);
    expect(res.body.default).toBe("fr");
    const codes = (res.body.locales as { code: string; name: string }[]).map((l) => l.code);
    expect(codes).toEqual(expect.arrayContaining(["en", "fr", "nl", "de", "es", "it", "pt"]));
  });
});
