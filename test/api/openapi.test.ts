import { createExecutionContext } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { describe, it } from "vitest";
import { createApp } from "../../src/app";
import { call, createTenant } from "../helpers/api";

type OpenApi = {
  openapi: string;
  paths: Record<string, Record<string, { responses: Record<string, unknown>; security?: unknown[] }>>;
  components: {
    schemas: Record<string, { example?: unknown; properties?: Record<string, { example?: unknown }> }>;
  };
};

type Operation = {
  parameters?: { name: string; schema?: Record<string, unknown> }[];
  responses: Record<string, { content?: Record<string, { schema: { $ref?: string } }> }>;
};
type Schema = { required?: string[]; properties?: Record<string, { items?: { $ref?: string } }> };

describe("the OpenAPI document and reference", () => {
  it("describes every route of the AutoDoc and operator APIs, with examples", async ({ expect }) => {
    const res = await exports.default.fetch("https://api.auto-doc.test/openapi.json");
    expect(res.status).toBe(200);
    const doc = (await res.json()) as OpenApi;
    expect(doc.openapi).toBe("3.1.0");
    const routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m} ${path}`),
    );
    expect(routes).toEqual(
      expect.arrayContaining([
        "post /admin/organizations",
        "post /admin/organizations/{slug}/keys",
        "get /admin/organizations/{slug}/keys",
        "delete /admin/organizations/{slug}/keys/{id}",
        "post /admin/organizations/{slug}/vortex-keys",
        "get /admin/organizations/{slug}/vortex-keys",
        "delete /admin/organizations/{slug}/vortex-keys/{id}",
        "post /v1/autodoc/workflows",
        "get /v1/autodoc/workflows",
        "get /v1/autodoc/workflows/{token}",
        "post /v1/autodoc/workflows/{token}/archive",
        "post /v1/autodoc/invitations",
        "get /v1/autodoc/invitations",
        "get /v1/autodoc/invitations/{token}",
        "get /v1/autodoc/invitations/locales",
        "get /v1/autodoc/outbox",
        "post /v1/autodoc/invitations/{token}/resend",
        "post /v1/autodoc/invitations/{token}/events",
        "get /v1/autodoc/invitations/{token}/events",
        "get /v1/autodoc/usage",
        "post /v1/autodoc/webhook_endpoints",
        "get /v1/autodoc/webhook_endpoints",
        "delete /v1/autodoc/webhook_endpoints/{id}",
        "patch /admin/organizations/{slug}",
      ]),
    );
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const op of Object.values(ops)) {
        expect(op.security, path).toBeDefined();
        const errors = Object.keys(op.responses).filter((s) => s.startsWith("4"));
        expect(errors, path).toContain("401");
      }
    }
    const invitation = doc.components.schemas.Invitation?.properties ?? {};
    expect(invitation.token?.example).toMatch(/^adi_/);
    expect(invitation.url?.example).toContain("invitation_token=");
  });

  it("describes every Vortex endpoint the official clients call, with Vortex's error shape", async ({
    expect,
  }) => {
    const doc = (await (
      await exports.default.fetch("https://api.auto-doc.test/openapi.json")
    ).json()) as OpenApi;
    const vortexRoutes = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith("/api/v1/"))
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`))
      .sort();
    expect(vortexRoutes).toEqual(
      [
        "post /api/v1/invitations",
        "get /api/v1/invitations",
        "get /api/v1/invitations/{id}",
        "delete /api/v1/invitations/{id}",
        "post /api/v1/invitations/accept",
        "post /api/v1/invitations/{id}/reinvite",
        "get /api/v1/invitations/by-scope/{scopeType}/{scope}",
        "delete /api/v1/invitations/by-scope/{scopeType}/{scope}",
        "get /api/v1/invitations/by-group/{groupType}/{groupId}",
        "delete /api/v1/invitations/by-group/{groupType}/{groupId}",
        "get /api/v1/invitations/by-scope/{scopeType}/{scope}/autojoin",
        "post /api/v1/invitations/autojoin",
        "post /api/v1/invitations/sync-internal-invitation",
        "post /api/v1/invitation-actions/sync-internal-invitation",
      ].sort(),
    );
    for (const [path, ops] of Object.entries(doc.paths).filter(([p]) => p.startsWith("/api/v1/"))) {
      for (const op of Object.values(ops)) {
        expect(op.security, path).toEqual([{ vortexApiKey: [] }]);
        const unauthorized = op.responses["401"] as { content: Record<string, { schema: { $ref: string } }> };
        expect(unauthorized.content["application/json"]?.schema.$ref, path).toBe(
          "#/components/schemas/VortexError",
        );
      }
    }
  });

  it("describes the key listings and revocations with their schemas, never a secret in a list", async ({
    expect,
  }) => {
    const doc = (await (await exports.default.fetch("https://api.auto-doc.test/openapi.json")).json()) as {
      paths: Record<string, Record<string, Operation>>;
      components: { schemas: Record<string, Schema> };
    };
    const jsonSchema = (op: Operation | undefined, status: string) =>
      op?.responses[status]?.content?.["application/json"]?.schema.$ref;
    for (const [route, item, list] of [
      ["/admin/organizations/{slug}/keys", "ApiKey", "ApiKeyList"],
      ["/admin/organizations/{slug}/vortex-keys", "VortexKey", "VortexKeyList"],
    ] as const) {
      const listing = doc.paths[route]?.get;
      expect(jsonSchema(listing, "200"), route).toBe(`#/components/schemas/${list}`);
      const limit = listing?.parameters?.find((p) => p.name === "limit");
      expect(limit?.schema, route).toMatchObject({ minimum: 1, maximum: 100, default: 20 });
      expect(listing?.parameters?.map((p) => p.name).sort(), route).toEqual([
        "limit",
        "slug",
        "startingAfter",
      ]);
      expect(doc.components.schemas[list]?.properties?.data?.items?.$ref).toBe(
        `#/components/schemas/${item}`,
      );
      const revoke = doc.paths[`${route}/{id}`]?.delete;
      expect(jsonSchema(revoke, "200"), route).toBe(`#/components/schemas/${item}`);
      expect(Object.keys(revoke?.responses ?? {}).sort(), route).toEqual(["200", "401", "404"]);
      const fields = doc.components.schemas[item];
      expect(Object.keys(fields?.properties ?? {}).sort(), item).toEqual(
        ["createdAt", "id", "key", "last4", "mode", "object", "revokedAt"].sort(),
      );
      // The secret is optional (shown once, at creation), so a listed or revoked key can go without it.
      expect(fields?.required, item).not.toContain("key");
    }
  });

  it("serves the interactive reference and a health check", async ({ expect }) => {
    const docs = await exports.default.fetch("https://api.auto-doc.test/docs");
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain("/openapi.json");
    expect((await call("GET", "/healthz")).body).toEqual({ ok: true });
  });

  it("answers unknown routes and methods in the error shape", async ({ expect }) => {
    // Like Stripe, credentials are checked before the path: an anonymous caller learns nothing about routes.
    const anonymous = await call("GET", "/v1/autodoc/nothing-here");
    expect(anonymous.status).toBe(401);
    const tenant = await createTenant();
    const missing = await call("GET", "/v1/autodoc/nothing-here", { token: tenant.liveKey });
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ error: { code: "not_found" } });
    expect((await call("GET", "/nowhere")).status).toBe(404);
    const wrongMethod = await call("PUT", "/v1/autodoc/invitations", { token: tenant.liveKey, body: {} });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get("Allow")).toBe("GET, HEAD, POST");
    expect(wrongMethod.body).toMatchObject({ error: { code: "method_not_allowed" } });
  });

  it("keeps the development pages and the test clock off outside development and test", async ({
    expect,
  }) => {
    const app = createApp();
    for (const environment of ["production", "staging"]) {
      const production = { ...env, ENVIRONMENT: environment };
      const page = await app.fetch(
        new Request("https://api.auto-doc.test/dev/outbox"),
        production,
        createExecutionContext(),
      );
      expect(page.status).toBe(404);
      const clock = await app.fetch(
        new Request("https://api.auto-doc.test/dev/invitations/adi_x/rewind", {
          method: "POST",
          headers: { Authorization: "Bearer test-admin-token", "Content-Type": "application/json" },
          body: JSON.stringify({ seconds: 181 }),
        }),
        production,
        createExecutionContext(),
      );
      expect(clock.status).toBe(404);
    }
  });
});
