import { exports } from "cloudflare:workers";
import { ALL_WEBHOOK_EVENT_TYPES } from "@teamvortexsoftware/vortex-node-22-sdk";
import { describe, it } from "vitest";
import { VORTEX_WEBHOOK_EVENT_TYPES } from "../../../src/core/webhook-audience";
import { admin, call, createTenant } from "../../helpers/api";

const URL_A = "https://customer.example/vortex-a";

function webhooksPath(slug: string, id?: string) {
  return `/organizations/${slug}/vortex-webhooks${id ? `/${id}` : ""}`;
}

type Listed = { id: string; url: string; events: string[]; mode: string; secret?: string };

async function listed(slug: string): Promise<Listed[]> {
  const res = await admin("GET", webhooksPath(slug));
  if (res.status !== 200) throw new Error(JSON.stringify(res.body));
  return res.body.data as Listed[];
}

describe("operator API: Vortex webhook endpoints", () => {
  it("emits only types the official SDK knows", ({ expect }) => {
    for (const type of VORTEX_WEBHOOK_EVENT_TYPES) expect(ALL_WEBHOOK_EVENT_TYPES).toContain(type);
  });

  it("creates an endpoint (all events, live by default) with a secret shown once, and lists it without", async ({
    expect,
  }) => {
    const tenant = await createTenant();
    const created = await admin("POST", webhooksPath(tenant.slug), { url: URL_A });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.stringMatching(/^vwh_/),
      object: "vortex_webhook",
      url: URL_A,
      events: [...VORTEX_WEBHOOK_EVENT_TYPES],
      mode: "live",
      status: "enabled",
      disabledReason: null,
      secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]{43}=$/),
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    const filtered = await admin("POST", webhooksPath(tenant.slug), {
      url: "https://customer.example/vortex-b",
      events: ["invitation.accepted", "invitation.accepted", "invitation.email.bounced"],
      mode: "test",
    });
    expect(filtered.status).toBe(201);
    expect(filtered.body).toMatchObject({
      events: ["invitation.accepted", "invitation.email.bounced"],
      mode: "test",
    });
    expect(filtered.body.secret).not.toBe(created.body.secret);
    const rows = await listed(tenant.slug);
    expect(rows.map((row) => [row.id, row.mode]).sort()).toEqual(
      [
        [created.body.id, "live"],
        [filtered.body.id, "test"],
      ].sort(),
    );
    for (const row of rows) expect(row).not.toHaveProperty("secret");
  });

  it("refuses URLs outside the policy, unknown or AutoDoc-only events, a bad mode and unknown fields", async ({
    expect,
  }) => {
    const tenant = await createTenant();
    for (const body of [
      { url: "http://customer.example/hook" },
      { url: "https://user:pass@customer.example/hook" },
      { url: "not a url" },
      { url: URL_A, events: ["invitation.sent"] },
      { url: URL_A, events: ["invitation.reminder.sent"] },
      { url: URL_A, events: [] },
      { url: URL_A, mode: "staging" },
      { url: URL_A, format: "standard" },
      {},
    ]) {
      const res = await admin("POST", webhooksPath(tenant.slug), body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body).toMatchObject({ error: { code: "validation_error" } });
    }
    expect(await listed(tenant.slug)).toEqual([]);
    const missing = await admin("POST", webhooksPath("no-such-org"), { url: URL_A });
    expect(missing.status).toBe(404);
    const anonymous = await exports.default.fetch(
      `https://api.auto-doc.test/admin${webhooksPath(tenant.slug)}`,
    );
    expect(anonymous.status).toBe(401);
  });

  it("deletes one endpoint, or all of them; another organization's ids are not found", async ({ expect }) => {
    const tenant = await createTenant();
    const other = await createTenant();
    const ids: string[] = [];
    for (const mode of ["live", "test", "live"]) {
      const res = await admin("POST", webhooksPath(tenant.slug), { url: URL_A, mode });
      ids.push(String(res.body.id));
    }
    const [first, ...rest] = ids;
    const foreign = await admin("POST", webhooksPath(other.slug), { url: URL_A });
    expect((await admin("DELETE", webhooksPath(other.slug, first))).status).toBe(404);
    expect((await listed(other.slug)).map((row) => row.id)).toEqual([foreign.body.id]);
    const removed = await admin("DELETE", webhooksPath(tenant.slug, first));
    expect(removed.status).toBe(200);
    expect(removed.body).toEqual({ id: first, object: "vortex_webhook", deleted: true });
    expect((await admin("DELETE", webhooksPath(tenant.slug, first))).status).toBe(404);
    const all = await admin("DELETE", webhooksPath(tenant.slug));
    expect(all.status).toBe(200);
    expect((all.body.data as { id: string }[]).map((row) => row.id).sort()).toEqual([...rest].sort());
    expect(await listed(tenant.slug)).toEqual([]);
    expect((await listed(other.slug)).map((row) => row.id)).toEqual([foreign.body.id]);
  });

  it("keeps AutoDoc endpoints and Vortex endpoints apart in every listing and deletion", async ({
    expect,
  }) => {
    const tenant = await createTenant();
    const autodoc = await call("POST", "/v1/autodoc/webhook_endpoints", {
      token: tenant.liveKey,
      body: { url: "https://customer.example/autodoc", events: ["invitation.created"] },
    });
    expect(autodoc.status).toBe(201);
    const vortex = await admin("POST", webhooksPath(tenant.slug), {
      url: URL_A,
      events: ["invitation.created"],
    });
    const autodocList = await call("GET", "/v1/autodoc/webhook_endpoints", { token: tenant.liveKey });
    expect((autodocList.body.data as { id: string }[]).map((e) => e.id)).toEqual([autodoc.body.id]);
    expect((await listed(tenant.slug)).map((row) => row.id)).toEqual([vortex.body.id]);
    const crossDelete = await call("DELETE", `/v1/autodoc/webhook_endpoints/${vortex.body.id}`, {
      token: tenant.liveKey,
    });
    expect(crossDelete.status).toBe(404);
    expect((await admin("DELETE", webhooksPath(tenant.slug, String(autodoc.body.id)))).status).toBe(404);
    await admin("DELETE", webhooksPath(tenant.slug));
    const after = await call("GET", "/v1/autodoc/webhook_endpoints", { token: tenant.liveKey });
    expect((after.body.data as { id: string }[]).map((e) => e.id)).toEqual([autodoc.body.id]);
  });

  it("is described in the OpenAPI document", async ({ expect }) => {
    const res = await exports.default.fetch("https://api.auto-doc.test/openapi.json");
    const doc = (await res.json()) as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(doc.paths["/admin/organizations/{slug}/vortex-webhooks"] ?? {}).sort()).toEqual([
      "delete",
      "get",
      "post",
    ]);
    expect(Object.keys(doc.paths["/admin/organizations/{slug}/vortex-webhooks/{id}"] ?? {})).toEqual([
      "delete",
    ]);
  });
});
