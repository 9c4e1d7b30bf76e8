import { env, exports } from "cloudflare:workers";
import { afterEach, beforeEach, describe, it, onTestFinished, vi } from "vitest";
import { createDb } from "../../src/db/client";
import { FLUSH_DELAY_MS, VisitBuffer } from "../../src/links/visit-buffer";
import { flushVisitBuffer } from "../../src/links/visit-flush";
import { API } from "../helpers/api";
import { failingD1 } from "../helpers/failing-d1";
import { holdDeliveries } from "../helpers/held-deliveries";
import { travelTo } from "../helpers/invitations";
import {
  flushVisits,
  restoreFlushDelay,
  SHORT,
  SLACKBOT,
  shortLinkInvitation,
  storedCounts,
  stubFlushDelay,
  timeline,
  visit,
  vortexView,
} from "../helpers/short-links";
import { createBody, createVortexTenant, vortex } from "../helpers/vortex";
import { waitFor } from "../helpers/wait-for";

beforeEach(() => {
  stubFlushDelay();
});

afterEach(async () => {
  vi.useRealTimers();
  await restoreFlushDelay();
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
    // The HEAD is a repeat within the cache's TTL: answered from memory, counted by the buffer's flush.
    await flushVisits(invitation.id, { views: 2 });
    expect(await vortexView(tenant, invitation.id)).toMatchObject({
      views: 2,
      clickThroughs: 0,
      status: "unfurled",
    });
    expect(await timeline(invitation.id)).toEqual([
      { type: "invitation.created", webhookType: "invitation.created" },
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

  it("counts every person's click: the first with its lookup, the repeats together in one flush", async ({
    expect,
  }) => {
    const tenant = await createVortexTenant();
    const invitation = await shortLinkInvitation(tenant);
    for (let i = 0; i < 3; i += 1) expect((await visit(invitation.shortLink)).status).toBe(302);
    // Until the flush, only the first click (counted with its lookup) is in D1.
    expect(await storedCounts(invitation.id)).toEqual({ views: 0, clickThroughs: 1 });
    await flushVisits(invitation.id, { clickThroughs: 3 });
    expect(await clickEvents(invitation.id)).toEqual([
      { webhookType: "invitation.link.clicked", data: "{}" },
      { webhookType: "invitation.link.clicked", data: JSON.stringify({ count: 2 }) },
    ]);
    expect((await vortexView(tenant, invitation.id)).status).toBe("delivered");
  });

  it("writes a repeat's count in the flush its visit schedules FLUSH_DELAY_MS later, with nothing else driving it", async ({
    expect,
  }) => {
    const tenant = await createVortexTenant();
    const invitation = await shortLinkInvitation(tenant);
    expect((await visit(invitation.shortLink)).status).toBe(302);
    // Whatever an earlier test left in the buffer goes first, so that the repeat enters an empty buffer.
    await flushVisitBuffer({ env, db: createDb(env.DB) });
    // The delay is the platform timer's, shortened here; the flush is the one the visit scheduled.
    const waits = stubFlushDelay(0);
    expect((await visit(invitation.shortLink)).status).toBe(302);
    expect(waits).toHaveBeenCalledWith(FLUSH_DELAY_MS);
    await waitFor("the scheduled flush to count the repeat", async () => {
      return (await storedCounts(invitation.id)).clickThroughs === 2;
    });
    expect(await clickEvents(invitation.id)).toEqual([
      { webhookType: "invitation.link.clicked", data: "{}" },
      { webhookType: "invitation.link.clicked", data: JSON.stringify({ count: 1 }) },
    ]);
  });

  it("puts a failed flush's counts back, and the next flush writes them once", async ({ expect }) => {
    const tenant = await createVortexTenant();
    const invitation = await shortLinkInvitation(tenant);
    expect((await visit(invitation.shortLink)).status).toBe(302);
    // A buffer of this test's own, so that no other visit's flush can write or take these counts.
    const buffer = new VisitBuffer();
    buffer.add(invitation.code, "click");
    buffer.add(invitation.code, "click");
    buffer.add(invitation.code, "view");
    const faulty = failingD1(env.DB, { matches: (statement) => statement.sql.includes("click_throughs") });
    expect(await flushVisitBuffer({ env, db: createDb(faulty.db) }, buffer)).toBe(true);
    expect(faulty.failures()).toBe(1);
    expect(buffer.size).toBe(1);
    expect(await storedCounts(invitation.id)).toEqual({ views: 0, clickThroughs: 1 });
    expect(await clickEvents(invitation.id)).toHaveLength(1);

    expect(await flushVisitBuffer({ env, db: createDb(env.DB) }, buffer)).toBe(false);
    expect(buffer.size).toBe(0);
    expect(await storedCounts(invitation.id)).toEqual({ views: 1, clickThroughs: 3 });
    expect(await clickEvents(invitation.id)).toEqual([
      { webhookType: "invitation.link.clicked", data: "{}" },
      { webhookType: "invitation.link.clicked", data: JSON.stringify({ count: 2 }) },
    ]);
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
      expect(html).toContain("Ask John Doe for a new invitation.");
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
