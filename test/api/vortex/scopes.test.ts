import { env } from "cloudflare:workers";
import { describe, it } from "vitest";
import { createVortexInvitation, createVortexTenant, vortex } from "../../helpers/vortex";
import { expectStrictInvitation } from "../../helpers/vortex-shape";

const team = (groupId: string) => ({ groups: [{ type: "team", groupId, name: groupId }] });

describe("Vortex invitations by scope (and the legacy by-group paths)", () => {
  it("lists a scope's active invitations and revokes them all with {}", async ({ expect }) => {
    const t = await createVortexTenant();
    const key = t.vortexTest;
    const a = await createVortexInvitation(key, t.widgetId, { type: "internal", value: "u1" }, team("t-1"));
    const b = await createVortexInvitation(
      key,
      t.widgetId,
      { type: "phone", value: "+15551230000" },
      team("t-1"),
    );
    const other = await createVortexInvitation(
      key,
      t.widgetId,
      { type: "internal", value: "u2" },
      team("t-2"),
    );

    const listed = await vortex(key, "GET", "/invitations/by-scope/team/t-1");
    expect(listed.status).toBe(200);
    const invitations = listed.body.invitations as Record<string, unknown>[];
    expect(invitations.map((i) => i.id).sort()).toEqual([a, b].sort());
    for (const invitation of invitations) {
      expectStrictInvitation(expect, invitation);
      expect(invitation).toMatchObject({ scope: "t-1", scopeType: "team" });
    }
    const legacy = await vortex(key, "GET", "/invitations/by-group/team/t-1");
    expect((legacy.body.invitations as { id: string }[]).map((i) => i.id).sort()).toEqual([a, b].sort());
    expect((await vortex(t.vortexLive, "GET", "/invitations/by-scope/team/t-1")).body).toEqual({
      invitations: [],
    });

    expect(await vortex(key, "DELETE", "/invitations/by-scope/team/t-1")).toEqual({ status: 200, body: {} });
    expect((await vortex(key, "GET", "/invitations/by-scope/team/t-1")).body).toEqual({ invitations: [] });
    expect((await vortex(key, "GET", `/invitations/${a}`)).body.deactivated).toBe(true);
    expect((await vortex(key, "GET", `/invitations/${other}`)).body.deactivated).toBe(false);
    const events = await env.DB.prepare(
      "SELECT invitation_token AS token FROM invitation_events WHERE type = 'invitation.deactivated' AND invitation_token IN (?, ?, ?)",
    )
      .bind(a, b, other)
      .all<{ token: string }>();
    expect(events.results.map((e) => e.token).sort()).toEqual([a, b].sort());
    // Deleting again is harmless and records nothing new.
    expect(await vortex(key, "DELETE", "/invitations/by-group/team/t-1")).toEqual({ status: 200, body: {} });
  });

  it("keeps other organizations' scopes apart", async ({ expect }) => {
    const t = await createVortexTenant();
    const other = await createVortexTenant();
    const id = await createVortexInvitation(
      t.vortexTest,
      t.widgetId,
      { type: "internal", value: "u" },
      team("shared"),
    );
    expect((await vortex(other.vortexTest, "GET", "/invitations/by-scope/team/shared")).body).toEqual({
      invitations: [],
    });
    await vortex(other.vortexTest, "DELETE", "/invitations/by-scope/team/shared");
    expect((await vortex(t.vortexTest, "GET", `/invitations/${id}`)).body.deactivated).toBe(false);
  });
});
