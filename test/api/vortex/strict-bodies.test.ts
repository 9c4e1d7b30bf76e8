import { describe, it } from "vitest";
import { createVortexInvitation, createVortexTenant, vortex } from "../../helpers/vortex";

describe("Vortex accept, sync and autojoin bodies: null is absent, an unknown field is refused by name", () => {
  it("accept takes null for the fields a strict client leaves out", async ({ expect }) => {
    const t = await createVortexTenant();
    const id = await createVortexInvitation(t.vortexTest, t.widgetId, {
      type: "email",
      value: "strict@example.com",
    });
    const accepted = await vortex(t.vortexTest, "POST", "/invitations/accept", {
      invitationIds: [id],
      user: { email: "strict@example.com", phone: null, name: null, isExisting: null },
      target: null,
    });
    expect(accepted.status).toBe(200);
  });

  it("refuses a field the request does not take, and changes nothing", async ({ expect }) => {
    const t = await createVortexTenant();
    const id = await createVortexInvitation(t.vortexTest, t.widgetId, {
      type: "email",
      value: "kept@example.com",
    });
    const refusals: [string, Record<string, unknown>, string][] = [
      [
        "/invitations/accept",
        { invitationIds: [id], user: { email: "kept@example.com" }, colour: "red" },
        "colour is not a field this request takes.",
      ],
      [
        "/invitations/accept",
        { invitationIds: [id], user: { email: "kept@example.com", age: 3 } },
        "user.age is not a field this request takes.",
      ],
      [
        "/invitations/sync-internal-invitation",
        { creatorId: "u", targetValue: "v", action: "accepted", componentId: t.widgetId, extra: 1 },
        "extra is not a field this request takes.",
      ],
      [
        "/invitations/autojoin",
        { scope: "s", scopeType: "team", domains: [], componentId: t.widgetId, domain: "x.com" },
        "domain is not a field this request takes.",
      ],
    ];
    for (const [path, body, message] of refusals) {
      const refused = await vortex(t.vortexTest, "POST", path, body);
      expect(refused.status, path).toBe(400);
      expect(String(refused.body.error), path).toContain(message);
    }
    const read = await vortex(t.vortexTest, "GET", `/invitations/${id}`);
    expect(read.body.status).not.toBe("accepted");
  });
});
