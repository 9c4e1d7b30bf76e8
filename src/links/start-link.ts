import type { Context } from "hono";
import { isExpired, statusesBefore } from "../core/invitation-status";
import { isLocaleCode, pickLocale } from "../core/locales";
import { resolveLink } from "../db/links-repo";
import type { AppEnv } from "../env";
import { commitContext } from "../http/commit-context";
import { commit } from "../invitations/commit";
import { isAutomatedRequest } from "./bot-detection";
import { linkCache } from "./link-cache";
import { renderLinkPage } from "./link-pages";

const INVITATION_TOKEN = /^adi_[0-9A-Za-z]{24}$/;
const WORKFLOW_TOKEN = /^[A-Za-z0-9_-]{3,64}$/;
const BEFORE_OPENED: ReadonlySet<string> = new Set(statusesBefore("opened"));

/** Link answers are per person and per moment: nothing may cache them or leak the token onwards. */
export const PRIVATE_LINK_HEADERS = {
  "Cache-Control": "no-store",
  "Referrer-Policy": "no-referrer",
} as const;

/**
 * `GET /<workflow_token>?invitation_token=<token>` on the start host. Valid → 302 to the visitor app and,
 * for a person, the invitation moves to `opened`; expired → 410 page; anything else → 404 page.
 * Scanners, preview bots and HEAD requests get the same answer but change nothing.
 *
 * Once a person's click has made the invitation `opened`, the redirect is kept in the link cache: a repeat
 * (by anyone) within its TTL is answered from memory with no D1 round trip, and records nothing (the
 * status is already `opened`). Expiry is checked on every hit, so an expired link never redirects.
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
  const person = !isAutomatedRequest({ method: c.req.method, userAgent: c.req.header("User-Agent") });
  const target = await commit(commitContext(c), resolveLink(c.var.db, token, workflowToken, now, person));
  if (!target || target.workflowToken !== workflowToken) return notFoundPage(c, acceptLanguage);
  if (isExpired(target.expiresAt, now)) {
    const locale = isLocaleCode(target.locale) ? target.locale : pickLocale(acceptLanguage);
    return c.html(renderLinkPage("expired", locale, target.organizationName), 410);
  }
  const location = visitorAppUrl(c.env.VISITOR_APP_URL, workflowToken, token);
  if (person && !BEFORE_OPENED.has(target.status)) {
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
