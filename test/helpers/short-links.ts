import { env, exports } from "cloudflare:workers";
import { vi } from "vitest";
import { createBody, type VortexTenant, vortex } from "./vortex";

export const SHORT = "https://link.auto-doc.test";
export const CHROME =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";
export const SLACKBOT = "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)";

/** A request to a link as a browser (or, with `userAgent`, a bot) makes it; redirects are not followed. */
export function visit(url: string, init: { method?: string; userAgent?: string; language?: string } = {}) {
  const headers: Record<string, string> = { "User-Agent": init.userAgent ?? CHROME };
  if (init.language) headers["Accept-Language"] = init.language;
  return exports.default.fetch(url, { method: init.method ?? "GET", headers, redirect: "manual" });
}

/** A Vortex invitation the customer sends itself (a phone target: nothing is delivered by us). */
export async function shortLinkInvitation(tenant: VortexTenant, extra: Record<string, unknown> = {}) {
  const created = await vortex(
    tenant.vortexTest,
    "POST",
    "/invitations",
    createBody(tenant.widgetId, { type: "phone", value: "+14155550123" }, extra),
  );
  if (created.status !== 201) throw new Error(`create: ${created.status} ${JSON.stringify(created.body)}`);
  const shortLink = String(created.body.shortLink);
  return { id: String(created.body.id), shortLink, code: shortLink.split("/").pop() ?? "" };
}

/** The invitation as a Vortex client sees it. */
export async function vortexView(tenant: VortexTenant, id: string) {
  return (await vortex(tenant.vortexTest, "GET", `/invitations/${id}`)).body;
}

/** Waits until the Vortex GET shows these counts (repeat visits are counted by the visit buffer's flush). */
export async function waitForCounts(
  tenant: VortexTenant,
  id: string,
  counts: { views?: number; clickThroughs?: number },
) {
  await vi.waitUntil(
    async () => {
      const view = await vortexView(tenant, id);
      return Object.entries(counts).every(([key, value]) => view[key] === value);
    },
    { timeout: 5000, interval: 20 },
  );
}

/** Waits until the Vortex GET shows `clickThroughs`. */
export function waitForClicks(tenant: VortexTenant, id: string, clickThroughs: number) {
  return waitForCounts(tenant, id, { clickThroughs });
}

/** The invitation's timeline rows, oldest first, straight from D1. */
export async function timeline(token: string) {
  const rows = await env.DB.prepare(
    "SELECT type, webhook_type AS webhookType FROM invitation_events WHERE invitation_token = ? ORDER BY id",
  )
    .bind(token)
    .all<{ type: string; webhookType: string | null }>();
  return rows.results;
}
