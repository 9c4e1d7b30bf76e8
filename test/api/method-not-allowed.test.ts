import { env, exports } from "cloudflare:workers";
import { describe, it } from "vitest";
import { API } from "../helpers/api";
import { createVortexTenant } from "../helpers/vortex";

type Doc = { paths: Record<string, Record<string, unknown>> };
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];

describe("a known path asked with a method it does not answer", () => {
  it("gets 405 with Allow, in its dialect's shape, on every path of /openapi.json", async ({ expect }) => {
    const doc = (await (await exports.default.fetch(`${API}/openapi.json`)).json()) as Doc;
    const tenant = await createVortexTenant();
    const credentials = (path: string): Record<string, string> =>
      path.startsWith("/api/v1")
        ? { "x-api-key": tenant.vortexTest }
        : { Authorization: `Bearer ${path.startsWith("/admin") ? env.ADMIN_TOKEN : tenant.testKey}` };
    // `GET /api/v1/invitations/accept` is `GET /api/v1/invitations/{id}` with the id "accept": a route, not a 405.
    const templates = Object.entries(doc.paths).map(([template, operations]) => ({
      pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, "[^/]+")}$`),
      methods: Object.keys(operations).map((m) => m.toUpperCase()),
    }));
    let checked = 0;
    for (const template of Object.keys(doc.paths)) {
      const path = template.replace(/\{[^}]+\}/g, "x1");
      // Every route the concrete path matches answers it (`/invitations/accept` is also `/invitations/{id}`).
      const answered = [...new Set(templates.filter((t) => t.pattern.test(path)).flatMap((t) => t.methods))];
      const allowed = [...answered, ...(answered.includes("GET") ? ["HEAD"] : [])].sort();
      for (const method of METHODS.filter((m) => !answered.includes(m))) {
        const res = await exports.default.fetch(`${API}${path}`, { method, headers: credentials(path) });
        const body = (await res.json()) as { error: unknown };
        expect(res.status, `${method} ${template}`).toBe(405);
        expect(res.headers.get("Allow"), `${method} ${template}`).toBe(allowed.join(", "));
        if (path.startsWith("/api/v1")) expect(typeof body.error, template).toBe("string");
        else expect(body.error, template).toMatchObject({ code: "method_not_allowed", allowed });
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(50);
  });

  it("still gets 404 on a path no route has, and 401 before either without credentials", async ({
    expect,
  }) => {
    const tenant = await createVortexTenant();
    const missing = await exports.default.fetch(`${API}/v1/autodoc/nothing-here`, {
      method: "PUT",
      headers: { Authorization: `Bearer ${tenant.testKey}` },
    });
    expect(missing.status).toBe(404);
    const anonymous = await exports.default.fetch(`${API}/v1/autodoc/invitations`, { method: "PUT" });
    expect(anonymous.status).toBe(401);
  });
});
