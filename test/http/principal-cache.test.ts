import { env } from "cloudflare:workers";
import { afterEach, describe, it, vi } from "vitest";
import { PRINCIPAL_CACHE_TTL_MS } from "../../src/http/principal-cache";
import { admin, call, createTenant } from "../helpers/api";
import { travelTo } from "../helpers/invitations";
import { createVortexTenant, vortex } from "../helpers/vortex";

afterEach(() => {
  vi.useRealTimers();
});

/** A revocation another isolate made: written to D1 behind this isolate's cache. */
function revokeBehindTheCache(table: "api_keys" | "vortex_keys", slug: string) {
  return env.DB.prepare(
    `UPDATE ${table} SET revoked_at = ? WHERE organization_id = (SELECT id FROM organizations WHERE slug = ?)`,
  )
    .bind(Date.now(), slug)
    .run();
}

describe("the principal cache", () => {
  it("answers a known private key from memory for at most the TTL, then sees its revocation", async ({
    expect,
  }) => {
    const start = Date.now();
    travelTo(start);
    const tenant = await createTenant();
    expect((await call("GET", "/v1/autodoc/workflows", { token: tenant.testKey })).status).toBe(200);
    await revokeBehindTheCache("api_keys", tenant.slug);
    travelTo(start + PRINCIPAL_CACHE_TTL_MS - 1);
    expect((await call("GET", "/v1/autodoc/workflows", { token: tenant.testKey })).status).toBe(200);
    travelTo(start + PRINCIPAL_CACHE_TTL_MS + 1);
    expect((await call("GET", "/v1/autodoc/workflows", { token: tenant.testKey })).status).toBe(401);
  });

  it("does the same for Vortex keys, and never caches a wrong secret", async ({ expect }) => {
    const start = Date.now();
    travelTo(start);
    const tenant = await createVortexTenant();
    const forged = `${tenant.vortexTest.slice(0, tenant.vortexTest.lastIndexOf("."))}.forged-secret`;
    expect((await vortex(forged, "GET", "/invitations/x")).status).toBe(401);
    expect((await vortex(tenant.vortexTest, "GET", "/invitations/x")).status).toBe(404);
    expect((await vortex(forged, "GET", "/invitations/x")).status).toBe(401);
    await revokeBehindTheCache("vortex_keys", tenant.slug);
    travelTo(start + PRINCIPAL_CACHE_TTL_MS - 1);
    expect((await vortex(tenant.vortexTest, "GET", "/invitations/x")).status).toBe(404);
    travelTo(start + PRINCIPAL_CACHE_TTL_MS + 1);
    expect((await vortex(tenant.vortexTest, "GET", "/invitations/x")).status).toBe(401);
  });

  it("forgets at once what this isolate revoked or changed", async ({ expect }) => {
    const tenant = await createTenant();
    const key = await admin("POST", `/organizations/${tenant.slug}/keys`, { mode: "live" });
    const token = String(key.body.key);
    expect((await call("GET", "/v1/autodoc/workflows", { token })).status).toBe(200);
    await admin("PATCH", `/organizations/${tenant.slug}`, { creationRateLimit: 1 });
    const body = { workflowToken: tenant.workflowToken, channel: "email", recipient: "a@example.com" };
    expect((await call("POST", "/v1/autodoc/invitations", { token, body })).status).toBe(201);
    expect((await call("POST", "/v1/autodoc/invitations", { token, body })).status).toBe(429);
    await admin("DELETE", `/organizations/${tenant.slug}/keys/${key.body.id}`);
    expect((await call("GET", "/v1/autodoc/workflows", { token })).status).toBe(401);
  });
});
