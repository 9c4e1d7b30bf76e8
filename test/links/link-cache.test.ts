import { env } from "cloudflare:workers";
import { afterEach, describe, it, vi } from "vitest";
import { LINK_CACHE_TTL_MS, LinkCache } from "../../src/links/link-cache";
import { createInvitation, createTenant } from "../helpers/api";
import { travelTo } from "../helpers/invitations";
import { SLACKBOT, shortLinkInvitation, storedCounts, visit, vortexView } from "../helpers/short-links";
import { createVortexTenant, vortex } from "../helpers/vortex";

afterEach(() => {
  vi.useRealTimers();
});

describe("LinkCache", () => {
  const link = { location: "https://app.example.com/x", expiresAt: 10_000 };

  it("answers within the TTL only, and never once the link has expired", ({ expect }) => {
    const cache = new LinkCache(1_000, 10);
    cache.set("a", link, 0);
    expect(cache.get("a", 999)).toEqual(link);
    expect(cache.get("a", 1_000)).toBeNull();
    cache.set("b", link, 9_500);
    expect(cache.get("b", 9_999)).toEqual(link);
    expect(cache.get("b", 10_000)).toBeNull();
    expect(cache.size).toBe(0);
  });

  it("holds at most maxEntries, dropping the oldest", ({ expect }) => {
    const cache = new LinkCache(1_000, 3);
    for (const key of ["a", "b", "c", "d"]) cache.set(key, link, 0);
    expect(cache.size).toBe(3);
    expect(cache.get("a", 1)).toBeNull();
    expect(cache.get("d", 1)).toEqual(link);
    cache.set("b", link, 0);
    cache.set("e", link, 0);
    expect(cache.get("c", 1)).toBeNull();
    expect(cache.get("b", 1)).toEqual(link);
  });
});

const PAST_TTL = LINK_CACHE_TTL_MS + 1;

describe("the start link's cache", () => {
  async function openedInvitation() {
    const tenant = await createTenant();
    const invitation = await createInvitation(tenant.testKey, {
      workflowToken: tenant.workflowToken,
      channel: "email",
      recipient: "cache@example.com",
    });
    return invitation;
  }

  it("answers a repeat click within the TTL from memory, without reading D1", async ({ expect }) => {
    const start = Date.now();
    travelTo(start);
    const invitation = await openedInvitation();
    const first = await visit(invitation.url);
    expect(first.status).toBe(302);
    const location = first.headers.get("Location");
    // Behind the cache's back: D1 no longer has the invitation, so a D1 read would answer 404.
    await env.DB.prepare("DELETE FROM invitations WHERE token = ?").bind(invitation.token).run();
    travelTo(start + LINK_CACHE_TTL_MS - 1);
    for (const userAgent of [undefined, SLACKBOT]) {
      const cached = await visit(invitation.url, { userAgent });
      expect(cached.status).toBe(302);
      expect(cached.headers.get("Location")).toBe(location);
      expect(cached.headers.get("Cache-Control")).toBe("no-store");
    }
    travelTo(start + PAST_TTL);
    expect((await visit(invitation.url)).status).toBe(404);
  });

  it("caches nothing for bots: a bot's visit leaves the next click to D1", async ({ expect }) => {
    const invitation = await openedInvitation();
    expect((await visit(invitation.url, { userAgent: SLACKBOT })).status).toBe(302);
    await env.DB.prepare("DELETE FROM invitations WHERE token = ?").bind(invitation.token).run();
    expect((await visit(invitation.url)).status).toBe(404);
  });

  it("never redirects once the link has expired, even within the TTL", async ({ expect }) => {
    const start = Date.now();
    travelTo(start);
    const invitation = await openedInvitation();
    await env.DB.prepare("UPDATE invitations SET expires_at = ? WHERE token = ?")
      .bind(start + 10_000, invitation.token)
      .run();
    expect((await visit(invitation.url)).status).toBe(302);
    travelTo(start + 10_000);
    expect((await visit(invitation.url)).status).toBe(410);
  });
});

describe("the short link's cache", () => {
  it("redirects a repeat click from memory and still counts it, after the response", async ({ expect }) => {
    const start = Date.now();
    travelTo(start);
    const tenant = await createVortexTenant();
    const invitation = await shortLinkInvitation(tenant);
    const first = await visit(invitation.shortLink);
    expect(first.headers.get("Location")).toBe(`https://app.example.com/join?invitationId=${invitation.id}`);
    // Behind the cache's back: a new landing URL, which a D1 read would see.
    await env.DB.prepare("UPDATE widget_configurations SET landing_url = ? WHERE id = ?")
      .bind("https://new.example.com/welcome", tenant.widgetId)
      .run();
    travelTo(start + LINK_CACHE_TTL_MS - 1);
    const cached = await visit(invitation.shortLink);
    expect(cached.status).toBe(302);
    expect(cached.headers.get("Location")).toBe(first.headers.get("Location"));
    expect(await storedCounts(invitation.id)).toEqual({ views: 0, clickThroughs: 2 });
    // A bot's first visit is not served from the person's cache: it needs the preview and counts as a view.
    expect((await visit(invitation.shortLink, { userAgent: SLACKBOT })).status).toBe(200);
    expect((await vortexView(tenant, invitation.id)).views).toBe(1);
    travelTo(start + PAST_TTL);
    const fresh = await visit(invitation.shortLink);
    expect(fresh.headers.get("Location")).toBe(
      `https://new.example.com/welcome?invitationId=${invitation.id}`,
    );
    expect((await vortexView(tenant, invitation.id)).clickThroughs).toBe(3);
  });

  it("shows a bot's repeat the cached preview page and still counts it as a view", async ({ expect }) => {
    const start = Date.now();
    travelTo(start);
    const tenant = await createVortexTenant({ unfurlDefaults: { title: "Old title" } });
    const invitation = await shortLinkInvitation(tenant);
    expect(await (await visit(invitation.shortLink, { userAgent: SLACKBOT })).text()).toContain("Old title");
    await env.DB.prepare("UPDATE widget_configurations SET unfurl_defaults = ? WHERE id = ?")
      .bind(JSON.stringify({ title: "New title" }), tenant.widgetId)
      .run();
    travelTo(start + LINK_CACHE_TTL_MS - 1);
    const cached = await visit(invitation.shortLink, { userAgent: SLACKBOT });
    expect(await cached.text()).toContain("Old title");
    expect(await storedCounts(invitation.id)).toEqual({ views: 2, clickThroughs: 0 });
    travelTo(start + PAST_TTL);
    expect(await (await visit(invitation.shortLink, { userAgent: SLACKBOT })).text()).toContain("New title");
    expect((await vortexView(tenant, invitation.id)).views).toBe(3);
  });

  it("lets a revoked link redirect for at most the TTL", async ({ expect }) => {
    const start = Date.now();
    travelTo(start);
    const tenant = await createVortexTenant();
    const invitation = await shortLinkInvitation(tenant);
    expect((await visit(invitation.shortLink)).status).toBe(302);
    expect((await vortex(tenant.vortexTest, "DELETE", `/invitations/${invitation.id}`)).status).toBe(200);
    travelTo(start + LINK_CACHE_TTL_MS - 1);
    expect((await visit(invitation.shortLink)).status).toBe(302);
    travelTo(start + PAST_TTL);
    expect((await visit(invitation.shortLink)).status).toBe(410);
  });

  it("never redirects once the link has expired, even within the TTL", async ({ expect }) => {
    const start = Date.now();
    travelTo(start);
    const tenant = await createVortexTenant();
    const invitation = await shortLinkInvitation(tenant);
    await env.DB.prepare("UPDATE invitations SET expires_at = ? WHERE token = ?")
      .bind(start + 10_000, invitation.id)
      .run();
    expect((await visit(invitation.shortLink)).status).toBe(302);
    travelTo(start + 10_000);
    expect((await visit(invitation.shortLink)).status).toBe(410);
    expect((await vortexView(tenant, invitation.id)).clickThroughs).toBe(1);
  });
});
