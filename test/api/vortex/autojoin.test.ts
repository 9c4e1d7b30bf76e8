import { describe, it } from "vitest";
import { createVortexTenant, vortex } from "../../helpers/vortex";
import { expectStrictInvitation } from "../../helpers/vortex-shape";

describe("Vortex autojoin", () => {
  it("syncs a scope's domains, lists the autojoin invitation, and deactivates it on an empty list", async ({
    expect,
  }) => {
    const t = await createVortexTenant();
    const key = t.vortexTest;
    const configure = (domains: string[], extra: Record<string, unknown> = { componentId: t.widgetId }) =>
      vortex(key, "POST", "/invitations/autojoin", {
        scope: "acme team",
        scopeType: "team",
        scopeName: "Acme",
        domains,
        ...extra,
      });
    const created = await configure(["Acme.com", "@acme.io", "acme.com"]);
    expect(created.status).toBe(200);
    expect((created.body.autojoinDomains as { domain: string }[]).map((d) => d.domain)).toEqual([
      "acme.com",
      "acme.io",
    ]);
    const invitation = created.body.invitation as Record<string, unknown>;
    expectStrictInvitation(expect, invitation);
    expect(invitation).toMatchObject({
      invitationType: "autojoin",
      deactivated: false,
      deliveryTypes: ["share"],
      scope: "acme team",
      scopeType: "team",
    });

    // Java and Ruby encode a space as `+` in the autojoin path; Node encodes it as %20.
    for (const path of [
      "/invitations/by-scope/team/acme+team/autojoin",
      "/invitations/by-scope/team/acme%20team/autojoin",
    ]) {
      const got = await vortex(key, "GET", path);
      expect(got.body.invitation).toMatchObject({ id: invitation.id });
      expect((got.body.autojoinDomains as { domain: string }[]).map((d) => d.domain)).toEqual([
        "acme.com",
        "acme.io",
      ]);
    }
    const byScope = await vortex(key, "GET", "/invitations/by-scope/team/acme%20team");
    expect((byScope.body.invitations as { id: string }[]).map((i) => i.id)).toEqual([invitation.id]);
    const byTarget = await vortex(key, "GET", "/invitations?targetType=email&targetValue=kim%40acme.io");
    expect((byTarget.body.invitations as { id: string }[]).map((i) => i.id)).toEqual([invitation.id]);

    // A user on a listed domain may accept; one elsewhere may not.
    const outsider = await vortex(key, "POST", "/invitations/accept", {
      invitationIds: [invitation.id],
      user: { email: "eve@evil.com" },
    });
    expect(outsider.status).toBe(403);
    for (const email of ["kim@acme.io", "lee@acme.com"]) {
      const res = await vortex(key, "POST", "/invitations/accept", {
        invitationIds: [invitation.id],
        user: { email },
      });
      expect(res.status).toBe(200);
    }

    const narrowed = await configure(["acme.io"], { widgetId: t.widgetId });
    expect(narrowed.body.autojoinDomains).toEqual([{ id: expect.any(String), domain: "acme.io" }]);
    expect((narrowed.body.invitation as { id: string }).id).toBe(invitation.id);

    const emptied = await configure([]);
    expect(emptied.body.autojoinDomains).toEqual([]);
    expect(emptied.body.invitation).toMatchObject({ id: invitation.id, deactivated: true });
    expect(
      (await vortex(key, "GET", "/invitations?targetType=email&targetValue=kim%40acme.io")).body,
    ).toEqual({
      invitations: [],
    });
    const again = await configure(["acme.dev"]);
    expect(again.body.invitation).toMatchObject({ id: invitation.id, deactivated: false });
  });

  it("answers nothing for a scope without autojoin, and refuses bad domains and widgets", async ({
    expect,
  }) => {
    const t = await createVortexTenant();
    const key = t.vortexTest;
    expect((await vortex(key, "GET", "/invitations/by-scope/team/none/autojoin")).body).toEqual({
      autojoinDomains: [],
      invitation: null,
    });
    const base = { scope: "s", scopeType: "team", componentId: t.widgetId };
    expect((await vortex(key, "POST", "/invitations/autojoin", { ...base, domains: [] })).body).toEqual({
      autojoinDomains: [],
      invitation: null,
    });
    const bad = await vortex(key, "POST", "/invitations/autojoin", { ...base, domains: ["not a domain"] });
    expect(bad).toEqual({
      status: 400,
      body: { error: 'domains holds "not a domain", which is not a domain name (e.g. acme.com).' },
    });
    const noWidget = await vortex(key, "POST", "/invitations/autojoin", {
      scope: "s",
      scopeType: "team",
      domains: ["a.com"],
    });
    expect(noWidget.status).toBe(400);
    const unknownWidget = await vortex(key, "POST", "/invitations/autojoin", {
      ...base,
      componentId: "00000000-0000-4000-8000-000000000000",
      domains: ["a.com"],
    });
    expect(unknownWidget.status).toBe(404);
    expect((await vortex(key, "GET", "/invitations/by-scope/team/s/autojoin")).body.invitation).toBeNull();
  });
});
