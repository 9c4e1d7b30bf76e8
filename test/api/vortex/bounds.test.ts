import { env } from "cloudflare:workers";
import { describe, it } from "vitest";
import {
  createBody,
  createVortexInvitation,
  createVortexTenant,
  vortex,
  vortexWithHeaders,
} from "../../helpers/vortex";
import { cloneVortexInvitation } from "../../helpers/vortex-seed";

// D1 binds at most 100 parameters per statement: every list a request may carry is tested at the
// schema's maximum (where one statement per list item, or one parameter per item, would overflow) and one past it.

const team = (groupId: string) => ({ groups: [{ type: "team", groupId, name: groupId }] });
const ids = (body: Record<string, unknown>) => (body.invitations as { id: string }[]).map((i) => i.id);

async function deactivatedEvents(tokens: string[]): Promise<number> {
  const row = await env.DB.prepare(
    "SELECT count(*) AS n FROM invitation_events WHERE type = 'invitation.deactivated' AND invitation_token IN (SELECT value FROM json_each(?))",
  )
    .bind(JSON.stringify(tokens))
    .first<{ n: number }>();
  return row?.n ?? -1;
}

async function activeCount(tokens: string[]): Promise<number> {
  const row = await env.DB.prepare(
    "SELECT count(*) AS n FROM invitations WHERE deactivated = 0 AND token IN (SELECT value FROM json_each(?))",
  )
    .bind(JSON.stringify(tokens))
    .first<{ n: number }>();
  return row?.n ?? -1;
}

describe("Vortex requests at the bounds of their lists", () => {
  it("creates an invitation with 20 groups and renders all 20; 21 groups is a 400", async ({ expect }) => {
    const t = await createVortexTenant();
    const groups = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ type: "team", groupId: `team-${i}`, name: `Team ${i}` }));
    const target = { type: "internal", value: "many-groups" };
    const created = await vortex(t.vortexTest, "POST", "/invitations", {
      ...createBody(t.widgetId, target),
      groups: groups(20),
    });
    expect(created.status).toBe(201);
    const got = await vortex(t.vortexTest, "GET", `/invitations/${String(created.body.id)}`);
    const rendered = got.body.groups as { groupId: string; type: string; name: string }[];
    expect(rendered.map((g) => g.groupId).sort()).toEqual(
      groups(20)
        .map((g) => g.groupId)
        .sort(),
    );

    const tooMany = await vortex(t.vortexTest, "POST", "/invitations", {
      ...createBody(t.widgetId, target),
      groups: groups(21),
    });
    expect(tooMany.status).toBe(400);
    expect(Object.keys(tooMany.body)).toEqual(["error"]);
  });

  it("writes none of an invitation's groups (1 or 20) when the invitation itself is refused", async ({
    expect,
  }) => {
    const t = await createVortexTenant();
    for (const count of [1, 20]) {
      const groupId = `orphan-${crypto.randomUUID()}`;
      const refused = await vortex(t.vortexTest, "POST", "/invitations", {
        // An unknown widget configuration: the invitation is refused with a 404.
        ...createBody("00000000-0000-4000-8000-000000000000", { type: "internal", value: "nobody" }),
        groups: Array.from({ length: count }, (_, i) => ({
          type: "team",
          groupId: `${groupId}-${i}`,
          name: "x",
        })),
      });
      expect(refused.status).toBe(404);
      const left = await env.DB.prepare("SELECT count(*) AS n FROM invitation_groups WHERE group_id LIKE ?")
        .bind(`${groupId}-%`)
        .first<{ n: number }>();
      expect(left?.n, `${count} groups`).toBe(0);
    }
  });

  it("configures autojoin with 100 domains, lists them all, re-syncs most away; 101 is a 400", async ({
    expect,
  }) => {
    const t = await createVortexTenant();
    const configure = (domains: string[]) =>
      vortex(t.vortexTest, "POST", "/invitations/autojoin", {
        scope: "wide",
        scopeType: "team",
        domains,
        componentId: t.widgetId,
      });
    const domains = (n: number, prefix = "d") =>
      Array.from({ length: n }, (_, i) => `${prefix}${i}.example.com`);
    const listed = (body: Record<string, unknown>) =>
      (body.autojoinDomains as { domain: string }[]).map((d) => d.domain).sort();

    const full = await configure(domains(100));
    expect(full.status).toBe(200);
    expect(listed(full.body)).toEqual(domains(100).sort());
    expect(
      listed((await vortex(t.vortexTest, "GET", "/invitations/by-scope/team/wide/autojoin")).body),
    ).toEqual(domains(100).sort());

    // A sync that keeps 2, drops 98 and adds 98 new ones: the NOT IN and the insert both carry ~100 items.
    const next = [...domains(2), ...domains(98, "n")];
    const resynced = await configure(next);
    expect(resynced.status).toBe(200);
    expect(listed(resynced.body)).toEqual(next.sort());
    const narrowed = await configure(["only.example.com"]);
    expect(listed(narrowed.body)).toEqual(["only.example.com"]);

    const tooMany = await configure(domains(101));
    expect(tooMany.status).toBe(400);
    expect(Object.keys(tooMany.body)).toEqual(["error"]);
    expect(
      listed((await vortex(t.vortexTest, "GET", "/invitations/by-scope/team/wide/autojoin")).body),
    ).toEqual(["only.example.com"]);
  });

  it("accepts 100 single-use invitations in one request; their open siblings in the scope become accepted_elsewhere; 101 ids is a 400", async ({
    expect,
  }) => {
    const t = await createVortexTenant();
    const key = t.vortexTest;
    const target = { type: "internal", value: "user-100" };
    const template = await createVortexInvitation(key, t.widgetId, target, team("t-accept"));
    const clones = await cloneVortexInvitation(template, 101);
    const accepted = [template, ...clones.slice(0, 99).map((c) => c.token)];
    const siblings = clones.slice(99).map((c) => c.token);
    const otherScope = await createVortexInvitation(key, t.widgetId, target, team("t-elsewhere"));

    const res = await vortex(key, "POST", "/invitations/accept", {
      invitationIds: accepted,
      user: { email: "user100@example.com" },
    });
    expect(res.status).toBe(200);
    const views = res.body.invitations as { id: string; status: string; accepts: unknown[] }[];
    expect(views.map((v) => v.id).sort()).toEqual([...accepted].sort());
    expect(views.every((v) => v.status === "accepted" && v.accepts.length === 1)).toBe(true);
    for (const sibling of siblings) {
      expect((await vortex(key, "GET", `/invitations/${sibling}`)).body.status).toBe("accepted_elsewhere");
    }
    expect((await vortex(key, "GET", `/invitations/${otherScope}`)).body.status).not.toMatch(/^accepted/);

    const tooMany = await vortex(key, "POST", "/invitations/accept", {
      invitationIds: [...accepted, otherScope],
      user: { email: "user100@example.com" },
    });
    expect(tooMany.status).toBe(400);
    expect(Object.keys(tooMany.body)).toEqual(["error"]);
    expect((await vortex(key, "GET", `/invitations/${otherScope}`)).body.status).not.toMatch(/^accepted/);
  });

  for (const path of ["by-scope", "by-group"]) {
    it(`lists and revokes a scope of 150 invitations on /${path}, each with its deactivated event`, async ({
      expect,
    }) => {
      const t = await createVortexTenant();
      const key = t.vortexTest;
      const template = await createVortexInvitation(
        key,
        t.widgetId,
        { type: "internal", value: "u" },
        team("big"),
      );
      const tokens = [template, ...(await cloneVortexInvitation(template, 149)).map((c) => c.token)];
      const outside = await createVortexInvitation(
        key,
        t.widgetId,
        { type: "internal", value: "u" },
        team("small"),
      );

      const listed = await vortex(key, "GET", `/invitations/${path}/team/big`);
      expect(listed.status).toBe(200);
      expect(ids(listed.body).sort()).toEqual([...tokens].sort());

      expect(await vortex(key, "DELETE", `/invitations/${path}/team/big`)).toEqual({ status: 200, body: {} });
      expect(await activeCount(tokens)).toBe(0);
      expect(await deactivatedEvents(tokens)).toBe(150);
      expect(await activeCount([outside])).toBe(1);
      expect((await vortex(key, "GET", `/invitations/${path}/team/big`)).body).toEqual({ invitations: [] });
      // A second delete finds nothing active and records nothing new.
      expect(await vortex(key, "DELETE", `/invitations/${path}/team/big`)).toEqual({ status: 200, body: {} });
      expect(await deactivatedEvents(tokens)).toBe(150);
    });
  }

  it("lists the newest 500 of a scope and says so in X-Truncated once it holds 501; DELETE still revokes all", async ({
    expect,
  }) => {
    const t = await createVortexTenant();
    const key = t.vortexTest;
    const template = await createVortexInvitation(
      key,
      t.widgetId,
      { type: "internal", value: "u" },
      team("huge"),
    );
    const clones = await cloneVortexInvitation(template, 499);
    const atMost = await vortexWithHeaders(key, "GET", "/invitations/by-scope/team/huge");
    expect(atMost.status).toBe(200);
    expect(ids(atMost.body)).toHaveLength(500);
    expect(atMost.headers.get("X-Truncated")).toBeNull();

    // The oldest copy is one past the listing: the newest 500 are listed, the oldest is left out.
    const oldest = (await cloneVortexInvitation(clones.at(-1)?.token ?? "", 1))[0]?.token ?? "";
    const past = await vortexWithHeaders(key, "GET", "/invitations/by-scope/team/huge");
    expect(past.status).toBe(200);
    expect(ids(past.body)).toHaveLength(500);
    expect(ids(past.body)).not.toContain(oldest);
    expect(past.headers.get("X-Truncated")).toBe("true");

    expect(await vortex(key, "DELETE", "/invitations/by-scope/team/huge")).toEqual({ status: 200, body: {} });
    const all = [template, ...clones.map((c) => c.token), oldest];
    expect(await activeCount(all)).toBe(0);
    expect(await deactivatedEvents(all)).toBe(501);
  });

  it("lists an invitee's 100 open invitations with the autojoin ones of its domain, and says when there are more", async ({
    expect,
  }) => {
    const t = await createVortexTenant();
    const key = t.vortexTest;
    const email = "pat@wide.example.com";
    const template = await createVortexInvitation(key, t.widgetId, { type: "email", value: email });
    const clones = await cloneVortexInvitation(template, 99);
    const autojoin = await vortex(key, "POST", "/invitations/autojoin", {
      scope: "wide",
      scopeType: "team",
      domains: ["wide.example.com"],
      componentId: t.widgetId,
    });
    const autojoinId = (autojoin.body.invitation as { id: string }).id;
    const path = `/invitations?targetType=email&targetValue=${encodeURIComponent(email)}`;

    const atMost = await vortexWithHeaders(key, "GET", path);
    expect(atMost.status).toBe(200);
    expect(ids(atMost.body).sort()).toEqual([template, ...clones.map((c) => c.token), autojoinId].sort());
    expect(atMost.headers.get("X-Truncated")).toBeNull();

    const oldest = (await cloneVortexInvitation(clones.at(-1)?.token ?? "", 1))[0]?.token ?? "";
    const past = await vortexWithHeaders(key, "GET", path);
    expect(past.status).toBe(200);
    expect(ids(past.body)).toHaveLength(101);
    expect(ids(past.body)).toContain(autojoinId);
    expect(ids(past.body)).not.toContain(oldest);
    expect(past.headers.get("X-Truncated")).toBe("true");
  });
});
