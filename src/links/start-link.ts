import type { Context } from "hono";
import { isLocaleCode, pickLocale } from "../core/locales";
import { findLinkTarget } from "../db/links-repo";
import type { AppEnv } from "../env";
import { classifyClick, clickSignalsOf } from "./bot-detection";
import { readAtEdge } from "./edge-read";
import { linkCache } from "./link-cache";
import { renderLinkPage } from "./link-pages";
import { closedLinkPage } from "./link-state";
import { queueVisit } from "./queue-visit";
import { startLinkVisit } from "./visit-message";

const INVITATION_TOKEN = /^adi_[0-9A-Za-z]{24}$/;
const WORKFLOW_TOKEN = /^[A-Za-z0-9_-]{3,64}$/;

/** Link answers are per person and per moment: nothing may cache them or leak the token onwards. */
export const PRIVATE_LINK_HEADERS = {
  "Cache-Control": "no-store",
  "Referrer-Policy": "no-referrer",
} as const;

/**
 * `GET /<workflow_token>?invitation_token=<token>` on the start host. Valid → 302 to the visitor app;
 * revoked, declined or expired → 410, each with its own page (link-state.ts); anything else → 404 page.
 * The invitation is read at the edge (edge-read.ts: a read replica, the primary only when the replica has
 * not seen it), and the click is recorded after the response through the `link-visits` queue (queue-visit.ts): a person's click moves the invitation to
 * `opened`; scanners, preview bots and HEAD requests get the same answer, and their click is recorded with
 * the reason (bot-detection.ts) but changes nothing.
 *
 * After a person's click the redirect is kept in the link cache: a repeat (by anyone) within its TTL is
 * answered from memory with no D1 read, and records nothing (the open is already on its way). Expiry is
 * checked on every hit, so an expired link never redirects.
 */
export async function handleStartLink(c: Context<AppEnv>): Promise<Response> {
  const workflowToken = c.req.param("workflowToken") ?? "";
  const token = c.req.query("invitation_token") ?? "";
  const acceptLanguage = c.req.header("Accept-Language");
  if (!WORKFLOW_TOKEN.test(workflowToken) || !INVITATION_TOKEN.test(token)) {
    return notFoundPage(c, acceptLanguage);
  }
  const now = new Date();
  const cacheKey = `start:${workflowToken}:${token}`;
  const cached = linkCache.get(cacheKey, now.getTime());
  if (cached) return c.redirect(cached.location, 302);
  const target = await readAtEdge(c, (db) => findLinkTarget(db, token));
  if (!target || target.workflowToken !== workflowToken) return notFoundPage(c, acceptLanguage);
  const closed = closedLinkPage(target, now);
  if (closed) {
    const locale = isLocaleCode(target.locale) ? target.locale : pickLocale(acceptLanguage);
    return c.html(renderLinkPage(closed, locale, target.organizationName), 410);
  }
  const click = classifyClick(clickSignalsOf(c.req.raw));
  queueVisit(c, startLinkVisit(token, workflowToken, click, now));
  const location = visitorAppUrl(c.env.VISITOR_APP_URL, workflowToken, token);
  if (click.by === "person") {
    linkCache.set(cacheKey, { location, expiresAt: target.expiresAt.getTime() }, now.getTime());
  }
  return c.redirect(location, 302);
}

/** Built from the configured visitor app URL only, so the redirect can never leave its origin. */
export function visitorAppUrl(base: string, workflowToken: string, token: string): string {
  const url = new URL(base);
  url.pathname = `${url.pathname.replace(/\/$/, "")}/${encodeURIComponent(workflowToken)}`;
  url.search = "";
  url.searchParams.set("invitation_token", token);
  return url.toString();
}

function notFoundPage(c: Context<AppEnv>, acceptLanguage: string | undefined): Response {
  return c.html(renderLinkPage("not_found", pickLocale(acceptLanguage)), 404);
}
