import { env, exports } from "cloudflare:workers";
import { describe, it } from "vitest";
import { API } from "../helpers/api";
import { createVortexTenant } from "../helpers/vortex";

const count = async (organizationId: string) =>
  (
    await env.DB.prepare("SELECT count(*) AS n FROM invitations WHERE organization_id = ?")
      .bind(organizationId)
      .first<{ n: number }>()
  )?.n;

describe("a JSON body sent without the JSON Content-Type", () => {
  it("gets one 415 naming the header, in each dialect's shape, and writes nothing", async ({ expect }) => {
    const t = await createVortexTenant();
    const routes: { path: string; auth: Record<string, string>; body: unknown }[] = [
      {
        path: "/v1/autodoc/invitations",
        auth: { Authorization: `Bearer ${t.testKey}` },
        body: { workflowToken: t.workflowToken, channel: "email", recipient: "a@example.com" },
      },
      {
        path: "/api/v1/invitations",
        auth: { "x-api-key": t.vortexTest },
        body: {
          widgetConfigurationId: t.widgetId,
          target: { type: "email", value: "a@example.com" },
          inviter: { userId: "u-1" },
        },
      },
    ];
    for (const route of routes) {
      for (const type of [undefined, "text/plain", "application/x-www-form-urlencoded"]) {
        const headers: Record<string, string> = { ...route.auth, ...(type ? { "Content-Type": type } : {}) };
        const res = await exports.default.fetch(`${API}${route.path}`, {
          method: "POST",
          headers,
          // Bytes, not a string: fetch labels a string body text/plain itself.
          body: new TextEncoder().encode(JSON.stringify(route.body)),
        });
        const answer = (await res.json()) as { error: string | { code: string; message: string } };
        const message = typeof answer.error === "string" ? answer.error : answer.error.message;
        expect(res.status, `${route.path} ${type}`).toBe(415);
        expect(message).toContain("Content-Type: application/json");
        expect(message).toContain(type ? `sent Content-Type: ${type}` : "sent no Content-Type");
        if (route.path.startsWith("/v1"))
          expect(answer.error).toMatchObject({ code: "unsupported_media_type" });
      }
      // The same body with the header is accepted: the type was the only fault.
      const accepted = await exports.default.fetch(`${API}${route.path}`, {
        method: "POST",
        headers: { ...route.auth, "Content-Type": "application/json; charset=utf-8" },
        body: JSON.stringify(route.body),
      });
      expect(accepted.status, route.path).toBe(201);
    }
    expect(await count(t.organizationId)).toBe(2);
  });

  it("leaves a body-less request to its route: no type is needed for nothing", async ({ expect }) => {
    const t = await createVortexTenant();
    const revoke = await exports.default.fetch(`${API}/api/v1/invitations/${crypto.randomUUID()}`, {
      method: "DELETE",
      headers: { "x-api-key": t.vortexTest },
    });
    expect(revoke.status).toBe(404);
  });
});
