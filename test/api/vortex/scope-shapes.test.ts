import { env } from "cloudflare:workers";
import { describe, it } from "vitest";
import { createVortexTenant, vortex } from "../../helpers/vortex";

const count = async (organizationId: string) =>
  (
    await env.DB.prepare("SELECT count(*) AS n FROM invitations WHERE organization_id = ?")
      .bind(organizationId)
      .first<{ n: number }>()
  )?.n;

const base = (widgetConfigurationId: string) => ({
  widgetConfigurationId,
  target: { type: "internal", value: "user-7" },
  inviter: { userId: "user-1" },
});

describe("Vortex create reads every shape of scope an official client sends", () => {
  it("groups, scopes, a group item with scopeId, and scopeId/scopeType/scopeName all join the same scope", async ({
    expect,
  }) => {
    const t = await createVortexTenant();
    const shapes = {
      groups: { groups: [{ groupId: "team-1", type: "team", name: "Engineering" }] },
      scopes: { scopes: [{ scopeId: "team-1", type: "team", name: "Engineering" }] },
      "groups with scopeId": { groups: [{ scopeId: "team-1", type: "team", name: "Engineering" }] },
      scopeId: { scopeId: "team-1", scopeType: "team", scopeName: "Engineering" },
    };
    for (const [shape, scope] of Object.entries(shapes)) {
      const created = await vortex(t.vortexTest, "POST", "/invitations", { ...base(t.widgetId), ...scope });
      expect(created.status, shape).toBe(201);
      const read = await vortex(t.vortexTest, "GET", `/invitations/${String(created.body.id)}`);
      expect(read.body, shape).toMatchObject({
        groups: [{ groupId: "team-1", type: "team", name: "Engineering" }],
        scope: "team-1",
        scopeType: "team",
      });
    }
    const listed = await vortex(t.vortexTest, "GET", "/invitations/by-scope/team/team-1");
    expect((listed.body.invitations as unknown[]).length).toBe(4);
  });

  it("takes null for an optional field, as the strict clients send it", async ({ expect }) => {
    const t = await createVortexTenant();
    const body = { ...base(t.widgetId), source: null, groups: null, templateVariables: null };
    const created = await vortex(t.vortexTest, "POST", "/invitations", body);
    expect(created.status).toBe(201);
  });

  it("refuses, with the field's name and nothing written, an unknown field, two shapes at once, or a scopeId without its type", async ({
    expect,
  }) => {
    const t = await createVortexTenant();
    const refusals: [Record<string, unknown>, string][] = [
      [{ ...base(t.widgetId), colour: "red" }, "colour is not a field this request takes."],
      [
        { ...base(t.widgetId), target: { type: "email", value: "a@example.com", phone: "+1" } },
        "target.phone is not a field this request takes.",
      ],
      [
        { ...base(t.widgetId), groups: [{ groupId: "a", type: "team" }], scopeId: "b", scopeType: "team" },
        "Name the scopes one way: groups, scopes, or scopeId with scopeType.",
      ],
      [{ ...base(t.widgetId), scopeId: "team-1" }, "scopeType is required with scopeId."],
      [
        { ...base(t.widgetId), groups: [{ type: "team", name: "x" }] },
        "groups.0.groupId must name the scope",
      ],
    ];
    for (const [body, message] of refusals) {
      const refused = await vortex(t.vortexTest, "POST", "/invitations", body);
      expect(refused.status, message).toBe(400);
      expect(String(refused.body.error)).toContain(message);
    }
    expect(await count(t.organizationId)).toBe(0);
  });
});
