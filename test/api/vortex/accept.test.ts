import { env } from "cloudflare:workers";
import { afterEach, describe, it, vi } from "vitest";
import { travelTo } from "../../helpers/invitations";
import { createVortexInvitation, createVortexTenant, vortex } from "../../helpers/vortex";
import { expectStrictAccept, expectStrictInvitation } from "../../helpers/vortex-shape";

afterEach(() => {
  vi.useRealTimers();
});

const USER = { email: "Pat@Example.com", name: "Pat", isExisting: false };

async function acceptsOf(id: string): Promise<number> {
  const row = await env.DB.prepare("SELECT count(*) AS n FROM invitation_accepts WHERE invitation_token = ?")
    .bind(id)
    .first<{ n: number }>();
  return row?.n ?? -1;
}

async function statusOf(key: string, id: string): Promise<string> {
  return String((await vortex(key, "GET", `/invitations/${id}`)).body.status);
}

describe("Vortex accept", () => {
  it("accepts a single-use invitation once; the invitee's other open ones in that scope become accepted_elsewhere", async ({
    expect,
  }) => {
    const t = await createVortexTenant();
    const key = t.vortexTest;
    const target = { type: "internal", value: "user-42" };
    const accepted = await createVortexInvitation(key, t.widgetId, target);
    const sameScope = await createVortexInvitation(key, t.widgetId, target);
    const otherScope = await createVortexInvitation(key, t.widgetId, target, {
      groups: [{ type: "team", groupId: "team-other", name: "Other" }],
    });
    const otherPerson = await createVortexInvitation(key, t.widgetId, { type: "internal", value: "user-43" });

    const res = await vortex(key, "POST", "/invitations/accept", { invitationIds: [accepted], user: USER });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual(["invitations"]);
    const [view] = res.body.invitations as Record<string, unknown>[];
    expect(view).toMatchObject({ id: accepted, status: "accepted", invitationType: "single_use" });
    expectStrictInvitation(expect, view ?? {});
    const accepts = (view?.accepts ?? []) as Record<string, unknown>[];
    expect(accepts).toHaveLength(1);
    expectStrictAccept(expect, accepts[0] ?? {});
    expect(accepts[0]).toMatchObject({
      target: { type: "email", value: "pat@example.com", name: "Pat" },
      targetType: "email",
      targetValue: "pat@example.com",
    });

    expect(await statusOf(key, sameScope)).toBe("accepted_elsewhere");
    expect(await statusOf(key, otherScope)).toBe("queued");
    expect(await statusOf(key, otherPerson)).toBe("queued");

    const again = await vortex(key, "POST", "/invitations/accept", { invitationIds: [accepted], user: USER });
    expect(again).toEqual({
      status: 409,
      body: { error: `Invitation ${accepted} has already been accepted.` },
    });
    const elsewhere = await vortex(key, "POST", "/invitations/accept", {
      invitationIds: [sameScope],
      user: USER,
    });
    expect(elsewhere.status).toBe(409);
    expect(await acceptsOf(accepted)).toBe(1);
    expect(await acceptsOf(sameScope)).toBe(0);
  });

  it("lets exactly one of 20 concurrent accepts of a single-use invitation win", async ({ expect }) => {
    const t = await createVortexTenant();
    const id = await createVortexInvitation(t.vortexTest, t.widgetId, { type: "internal", value: "u-race" });
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        vortex(t.vortexTest, "POST", "/invitations/accept", {
          invitationIds: [id],
          user: { email: `racer${i}@example.com` },
        }),
      ),
    );
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409)).toHaveLength(19);
    expect(await acceptsOf(id)).toBe(1);
    const events = await env.DB.prepare(
      "SELECT count(*) AS n FROM invitation_events WHERE invitation_token = ? AND type = 'invitation.accepted'",
    )
      .bind(id)
      .first<{ n: number }>();
    expect(events?.n).toBe(1);
  });

  it("records every accept of a multi-use invitation", async ({ expect }) => {
    const t = await createVortexTenant({ invitationType: "multi_use" });
    const id = await createVortexInvitation(t.vortexTest, t.widgetId, { type: "internal", value: "crowd" });
    for (const email of ["a@example.com", "b@example.com", "c@example.com"]) {
      const res = await vortex(t.vortexTest, "POST", "/invitations/accept", {
        invitationIds: [id],
        user: { email },
      });
      expect(res.status).toBe(200);
    }
    const got = await vortex(t.vortexTest, "GET", `/invitations/${id}`);
    expect(got.body).toMatchObject({ status: "accepted", invitationType: "multi_use" });
    const accepted = (got.body.accepts as { targetValue: string }[]).map((a) => a.targetValue).sort();
    expect(accepted).toEqual(["a@example.com", "b@example.com", "c@example.com"]);
  });

  it("takes the legacy target body (Go, PHP) and phone users, and accepts several ids at once", async ({
    expect,
  }) => {
    const t = await createVortexTenant();
    const a = await createVortexInvitation(t.vortexTest, t.widgetId, { type: "internal", value: "x-1" });
    const b = await createVortexInvitation(t.vortexTest, t.widgetId, { type: "internal", value: "x-1" });
    const legacy = await vortex(t.vortexTest, "POST", "/invitations/accept", {
      invitationIds: [a, b],
      target: { type: "phone", value: "+1 (555) 123-4567" },
    });
    expect(legacy.status).toBe(200);
    const views = legacy.body.invitations as { id: string; status: string; accepts: { target: unknown }[] }[];
    expect(views.map((v) => [v.id, v.status]).sort()).toEqual([a, b].sort().map((id) => [id, "accepted"]));
    expect(views[0]?.accepts[0]?.target).toEqual({ type: "phone", value: "+15551234567" });
  });

  it("refuses bad bodies, unknown, foreign, revoked and expired invitations, and writes nothing", async ({
    expect,
  }) => {
    const t = await createVortexTenant();
    const other = await createVortexTenant();
    const id = await createVortexInvitation(t.vortexTest, t.widgetId, { type: "internal", value: "u-9" });
    const accept = (key: string, body: unknown) => vortex(key, "POST", "/invitations/accept", body);
    for (const body of [
      { invitationIds: [id] },
      { invitationIds: [id], user: {} },
      { invitationIds: [], user: USER },
      { invitationIds: [id], user: { email: "not-an-email" } },
      { invitationIds: "nope", user: USER },
    ]) {
      const res = await accept(t.vortexTest, body);
      expect(res.status).toBe(400);
      expect(Object.keys(res.body)).toEqual(["error"]);
    }
    expect((await accept(t.vortexTest, { invitationIds: ["missing"], user: USER })).status).toBe(404);
    expect((await accept(t.vortexLive, { invitationIds: [id], user: USER })).status).toBe(404);
    expect((await accept(other.vortexTest, { invitationIds: [id], user: USER })).status).toBe(404);
    // One unknown id among known ones: nothing is accepted.
    expect((await accept(t.vortexTest, { invitationIds: [id, "missing"], user: USER })).status).toBe(404);
    expect(await acceptsOf(id)).toBe(0);

    const expiring = await createVortexInvitation(t.vortexTest, t.widgetId, {
      type: "internal",
      value: "u-10",
    });
    travelTo(Date.now() + 31 * 24 * 60 * 60 * 1000);
    expect(await accept(t.vortexTest, { invitationIds: [expiring], user: USER })).toEqual({
      status: 410,
      body: { error: `Invitation ${expiring} has expired.` },
    });
    vi.useRealTimers();

    await vortex(t.vortexTest, "DELETE", `/invitations/${id}`);
    expect((await accept(t.vortexTest, { invitationIds: [id], user: USER })).status).toBe(410);
    expect(await acceptsOf(id)).toBe(0);
    expect(await acceptsOf(expiring)).toBe(0);
  });
});
