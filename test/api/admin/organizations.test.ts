import { describe, it } from "vitest";
import { admin, call, createTenant } from "../../helpers/api";

/** A slug of this run's own: the database is shared with every other test file of the worker. */
const uniqueSlug = (name: string) => `${name}-${crypto.randomUUID().slice(0, 8)}`;

describe("operator API", () => {
  it("creates an organization and refuses a second one with the same slug", async ({ expect }) => {
    const slug = uniqueSlug("globex");
    const created = await admin("POST", "/organizations", {
      slug,
      name: "Globex",
      replyTo: "hi@globex.example",
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      object: "organization",
      slug,
      name: "Globex",
      defaultLocale: "en",
    });
    const again = await admin("POST", "/organizations", { slug, name: "Other" });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: { code: "conflict" } });
  });

  it("validates the slug, the locale and unknown fields", async ({ expect }) => {
    const badSlug = await admin("POST", "/organizations", { slug: "Bad Slug", name: "X" });
    expect(badSlug.status).toBe(400);
    expect(badSlug.body).toMatchObject({ error: { code: "validation_error", details: [{ field: "slug" }] } });
    const refusedSlug = uniqueSlug("loc");
    const badLocale = await admin("POST", "/organizations", {
      slug: refusedSlug,
      name: "X",
      defaultLocale: "xx",
    });
    expect(badLocale.status).toBe(400);
    expect(badLocale.body).toMatchObject({ error: { code: "unsupported_locale" } });
    const unknown = await admin("POST", "/organizations", { slug: "unk", name: "X", color: "red" });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({
      error: { code: "validation_error", details: [{ field: "color" }] },
    });
    const missing = await admin("GET", `/organizations/${refusedSlug}`);
    expect(missing.status).toBe(404);
  });

  it("needs the admin token", async ({ expect }) => {
    const none = await call("POST", "/admin/organizations", { body: { slug: "x1", name: "X" } });
    expect(none.status).toBe(401);
    expect(none.body).toMatchObject({ error: { code: "unauthorized" } });
    const wrong = await call("POST", "/admin/organizations", {
      token: "nope",
      body: { slug: "x1", name: "X" },
    });
    expect(wrong.status).toBe(401);
  });

  it("shows a key once, stores only its hash, and revokes it", async ({ expect }) => {
    const tenant = await createTenant();
    const key = await admin("POST", `/organizations/${tenant.slug}/keys`, { mode: "test" });
    expect(key.status).toBe(201);
    expect(String(key.body.key)).toMatch(/^sk_test_[0-9A-Za-z]{32}$/);
    const { env } = await import("cloudflare:workers");
    const stored = await env.DB.prepare("select * from api_keys where id = ?").bind(key.body.id).first();
    expect(JSON.stringify(stored)).not.toContain(String(key.body.key));
    const ok = await call("GET", "/v1/autodoc/workflows", { token: String(key.body.key) });
    expect(ok.status).toBe(200);
    const revoked = await admin("DELETE", `/organizations/${tenant.slug}/keys/${key.body.id}`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.key).toBeUndefined();
    expect(revoked.body.revokedAt).toEqual(expect.any(String));
    const after = await call("GET", "/v1/autodoc/workflows", { token: String(key.body.key) });
    expect(after.status).toBe(401);
    const twice = await admin("DELETE", `/organizations/${tenant.slug}/keys/${key.body.id}`);
    expect(twice.status).toBe(404);
  });
});
