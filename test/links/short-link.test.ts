import { env, exports } from "cloudflare:workers";
import { afterEach, describe, it, onTestFinished, vi } from "vitest";
import { API } from "../helpers/api";
import { holdDeliveries } from "../helpers/held-deliveries";
import { travelTo } from "../helpers/invitations";
import {
  SHORT,
  SLACKBOT,
  shortLinkInvitation,
  storedCounts,
  timeline,
  visit,
  vortexView,
} from "../helpers/short-links";
import { createBody, createVortexTenant, vortex } from "../helpers/vortex";

afterEach(() => {
  vi.useRealTimers();
});

/** The invitation's `link.clicked` events as D1 holds them, oldest first. */
async function clickEvents(token: string) {
  const clicks = await env.DB.prepare(
    "SELECT webhook_type AS webhookType, data FROM invitation_events WHERE invitation_token = ? AND type = 'link.clicked' ORDER BY id",
  )
    .bind(token)
    .all<{ webhookType: string; data: string }>();
  return clicks.results;
}

describe("the Vortex short link: bots and HEAD see a preview, people are redirected", () => {
  it("counts a bot's and a HEAD's visit as views (unfurled), then a person's click (delivered)", async ({
    expect,
  }) => {
    const tenant = await createVortexTenant();
    const invitation = await shortLinkInvitation(tenant);
    expect(invitation.shortLink).toBe(`${SHORT}/i/${invitation.code}`);

    const bot = await visit(invitation.shortLink, { userAgent: SLACKBOT });
    expect(bot.status).toBe(200);
    expect(bot.headers.get("Content-Type")).toContain("text/html");
    expect(bot.headers.get("Location")).toBeNull();
    expect(bot.headers.get("Cache-Control")).toBe("no-store");
    expect(bot.headers.get("Referrer-Policy")).toBe("no-referrer");
    expect(await bot.text()).toContain('<meta property="og:title"');
    const head = await visit(invitation.shortLink, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
    // The HEAD is a repeat within the cache's TTL: answered from memory, and counted all the same.
    expect(await vortexView(tenant, invitation.id)).toMatchObject({
      views: 2,
      clickThroughs: 0,
      status: "unfurled",
    });
    // Each automated visit is on the timeline with its reason, and fires no webhook.
    expect(await timeline(invitation.id)).toEqual([
      { type: "invitation.created", webhookType: "invitation.created" },
      { type: "link.scanned", webhookType: null },
      { type: "link.scanned", webhookType: null },
    ]);

    const person = await visit(invitation.shortLink);
    expect(person.status).toBe(302);
    expect(person.headers.get("Location")).toBe(`https://app.example.com/join?invitationId=${invitation.id}`);
    expect(person.headers.get("Cache-Control")).toBe("no-store");
    expect(person.headers.get("Referrer-Policy")).toBe("no-referrer");
    expect(await vortexView(tenant, invitation.id)).toMatchObject({
      views: 2,
      clickThroughs: 1,
      status: "delivered",
    });
    const row = await env.DB.prepare("SELECT status, opened_at FROM invitations WHERE token = ?")
      .bind(invitation.id)
      .first<{ status: string; opened_at: number | null }>();
    expect(row?.status).toBe("opened");
    expect(row?.opened_at).toBeTypeOf("number");
    expect(await timeline(invitation.id)).toEqual([
      { type: "invitation.created", webhookType: "invitation.created" },
      { type: "link.scanned", webhookType: null },
      { type: "link.scanned", webhookType: null },
      { type: "link.clicked", webhookType: "invitation.link.clicked" },
    ]);
  });

  it("moves an e-mailed invitation sent → unfurled → delivered", async ({ expect }) => {
    const deliveries = holdDeliveries();
    onTestFinished(deliveries.restore);
    const tenant = await createVortexTenant();
    const created = await vortex(
      tenant.vortexTest,
      "POST",
      "/invitations",
      createBody(tenant.widgetId, { type: "email", value: "sam@example.com" }),
    );
    const id = String(created.body.id);
    const shortLink = String(created.body.shortLink);
    await deliveries.deliver(id);
    expect((await vortexView(tenant, id)).status).toBe("sent");
    await visit(shortLink, { userAgent: "facebookexternalhit/1.1" });
    expect((await vortexView(tenant, id)).status).toBe("unfurled");
    await visit(shortLink);
    expect(await vortexView(tenant, id)).toMatchObject({ status: "delivered", views: 1, clickThroughs: 1 });
  });

  it("counts every person's click, cached or not, each with its own link.clicked", async ({ expect }) => {
    const tenant = await createVortexTenant();
    const invitation = await shortLinkInvitation(tenant);
    for (let i = 0; i < 3; i += 1) expect((await visit(invitation.shortLink)).status).toBe(302);
    expect(await storedCounts(invitation.id)).toEqual({ views: 0, clickThroughs: 3 });
    const person = {
      webhookType: "invitation.link.clicked",
      data: JSON.stringify({ click: { by: "person" } }),
    };
    expect(await clickEvents(invitation.id)).toEqual([person, person, person]);
    expect((await vortexView(tenant, invitation.id)).status).toBe("delivered");
  });

  it("keeps the landing URL's own query, sets invitationId, and never redirects elsewhere", async ({
    expect,
  }) => {
    const tenant = await createVortexTenant({
      landingUrl: "https://app.example.com/join?ref=sms&invitationId=stale#welcome",
    });
    const invitation = await shortLinkInvitation(tenant);
    const res = await visit(`${invitation.shortLink}?next=https://evil.example&invitationId=forged`);
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(
      `https://app.example.com/join?ref=sms&invitationId=${invitation.id}#welcome`,
    );
    for (const path of [
      `/i/${invitation.code}/https://evil.example`,
      "/i//evil.example",
      "/i/%2F%2Fevil.example",
      `//evil.example/i/${invitation.code}`,
    ]) {
      const odd = await visit(`${SHORT}${path}`);
      expect(odd.status, path).toBe(404);
      expect(odd.headers.get("Location"), path).toBeNull();
    }
  });

  it("answers unknown and malformed codes with a localized 404 page and touches nothing", async ({
    expect,
  }) => {
    const tenant = await createVortexTenant();
    const invitation = await shortLinkInvitation(tenant);
    const other = invitation.code.endsWith("A") ? "B" : "A";
    for (const path of [
      `/i/${invitation.code.slice(0, -1)}${other}`,
      `/i/${invitation.code.slice(0, 4)}`,
      `/i/${invitation.code}-`,
      `/i/${"a".repeat(33)}`,
      "/i/%3Cscript%3E",
      "/i/",
      "/",
      "/api/v1/invitations",
    ]) {
      for (const userAgent of [undefined, SLACKBOT]) {
        const res = await visit(`${SHORT}${path}`, { language: "fr-FR,fr;q=0.9", userAgent });
        expect(res.status, path).toBe(404);
        expect(res.headers.get("Cache-Control"), path).toBe("no-store");
        expect(await res.text(), path).toContain('lang="fr"');
      }
    }
    expect(await vortexView(tenant, invitation.id)).toMatchObject({ views: 0, clickThroughs: 0 });
    // The API host does not serve short links.
    expect((await exports.default.fetch(`${API}/i/${invitation.code}`)).status).toBe(404);
  });

  it("answers a revoked link with a 410 page, for people and bots, and counts nothing", async ({
    expect,
  }) => {
    const tenant = await createVortexTenant();
    const invitation = await shortLinkInvitation(tenant);
    expect((await vortex(tenant.vortexTest, "DELETE", `/invitations/${invitation.id}`)).status).toBe(200);
    for (const userAgent of [undefined, SLACKBOT]) {
      const res = await visit(invitation.shortLink, { userAgent });
      expect(res.status).toBe(410);
      expect(res.headers.get("Location")).toBeNull();
      expect(res.headers.get("Cache-Control")).toBe("no-store");
      const html = await res.text();
      // Withdrawn by the sender, not expired (test/links/closed-link-pages.test.ts has each reason).
      expect(html).toContain("John Doe has withdrawn this invitation");
      expect(html).not.toContain("og:title");
    }
    expect(await vortexView(tenant, invitation.id)).toMatchObject({ views: 0, clickThroughs: 0 });
    expect((await timeline(invitation.id)).map((e) => e.type)).not.toContain("link.clicked");
  });

  it("answers an expired link with a 410 page and counts nothing", async ({ expect }) => {
    const tenant = await createVortexTenant();
    const invitation = await shortLinkInvitation(tenant);
    travelTo(Date.now() + 31 * 24 * 60 * 60 * 1000);
    for (const userAgent of [undefined, SLACKBOT]) {
      expect((await visit(invitation.shortLink, { userAgent })).status).toBe(410);
    }
    expect(await vortexView(tenant, invitation.id)).toMatchObject({
      views: 0,
      clickThroughs: 0,
      expired: true,
    });
  });
});
