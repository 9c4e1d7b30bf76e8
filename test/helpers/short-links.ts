import { env } from "cloudflare:workers";
import { type ClickInit, openLink } from "./link-visits";
import { createBody, type VortexTenant, vortex } from "./vortex";

export { CHROME } from "./link-visits";
export const SHORT = "https://link.auto-doc.test";
export const SLACKBOT = "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)";

/**
 * A visit of a link as a browser (or, with `userAgent`, a bot) makes it, redirects not followed; when it
 * returns, the `link-visits` consumer has recorded it (counts, status, events), as it would moments later.
 */
export function visit(url: string, init: ClickInit = {}) {
  return openLink(url, init);
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

/** The invitation's short-link counts, straight from D1. */
export async function storedCounts(token: string) {
  const row = await env.DB.prepare(
    "SELECT views, click_throughs AS clickThroughs FROM invitations WHERE token = ?",
  )
    .bind(token)
    .first<{ views: number; clickThroughs: number }>();
  return row ?? { views: Number.NaN, clickThroughs: Number.NaN };
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
