import type { Context } from "hono";
import { isExpired } from "../core/invitation-status";
import { isLocaleCode, type LocaleCode, pickLocale } from "../core/locales";
import { vortexFields } from "../core/vortex-fields";
import { resolveShortLink, type ShortLinkTarget } from "../db/short-links-repo";
import type { AppEnv } from "../env";
import { commitContext } from "../http/commit-context";
import { commit } from "../invitations/commit";
import { isAutomatedRequest } from "./bot-detection";
import { linkCache, unfurlCache } from "./link-cache";
import { renderLinkPage } from "./link-pages";
import { renderUnfurlPage, unfurlFor } from "./unfurl-page";
import { FLUSH_DELAY_MS, visitBuffer } from "./visit-buffer";
import { flushVisitBuffer } from "./visit-flush";

/** Short codes are base62 (12 characters today); anything else is answered without touching D1. */
const SHORT_CODE = /^[0-9A-Za-z]{6,32}$/;

/**
 * `GET|HEAD /i/<code>` on the short-link host (Vortex `shortLink`). Preview bots and HEAD get a page with
 * Open Graph and Twitter card tags and count as a view; people get a 302 to the widget configuration's
 * landing URL with `invitationId` and count as a click-through. Revoked or expired → 410; unknown → 404.
 *
 * A repeat visit within the link caches' TTL (a person's redirect, a bot's page) is answered from memory,
 * with no D1 round trip; it is still counted, through the isolate's visit buffer (visit-buffer.ts).
 */
export async function handleShortLink(c: Context<AppEnv>): Promise<Response> {
  const code = c.req.param("code") ?? "";
  if (!SHORT_CODE.test(code)) return notFoundPage(c);
  const person = !isAutomatedRequest({ method: c.req.method, userAgent: c.req.header("User-Agent") });
  const now = new Date();
  const cacheKey = `short:${code}`;
  const cached = person ? linkCache.get(cacheKey, now.getTime()) : unfurlCache.get(cacheKey, now.getTime());
  if (cached) {
    bufferVisit(c, code, person ? "click" : "view");
    return "location" in cached ? c.redirect(cached.location, 302) : c.html(cached.html, 200);
  }
  const visit = resolveShortLink(c.var.db, code, now, person ? "click" : "view");
  const target = await commit(commitContext(c), visit);
  if (!target) return notFoundPage(c);
  if (target.deactivated || isExpired(target.expiresAt, now)) {
    return c.html(renderLinkPage("expired", localeOf(c, target), senderOf(target)), 410);
  }
  if (!person) {
    const url = new URL(`/i/${code}`, c.env.SHORT_LINK_ORIGIN).toString();
    const html = renderUnfurlPage(unfurlFor({ ...target, url }), target.locale);
    unfurlCache.set(cacheKey, { html, expiresAt: target.expiresAt.getTime() }, now.getTime());
    return c.html(html, 200);
  }
  const location = landingUrl(target.landingUrl, target.token);
  if (!location) return notFoundPage(c);
  // After a person's click the invitation is `opened` (or later): repeats may come from memory.
  linkCache.set(cacheKey, { location, expiresAt: target.expiresAt.getTime() }, now.getTime());
  return c.redirect(location, 302);
}

/**
 * The configured landing URL (its own query kept) with `invitationId` set. Built only from the widget
 * configuration, never from the request, so the redirect cannot be pointed elsewhere.
 */
export function landingUrl(configured: string, invitationId: string): string | null {
  if (!URL.canParse(configured)) return null;
  const url = new URL(configured);
  if (url.protocol !== "https:" && url.protocol !== "http:") return null;
  url.searchParams.set("invitationId", invitationId);
  return url.toString();
}

/** A visit answered from a cache still counts: buffered, and written by one flush per isolate and second. */
function bufferVisit(c: Context<AppEnv>, code: string, kind: "view" | "click"): void {
  if (visitBuffer.add(code, kind)) scheduleFlush(c);
}

/**
 * One flush a second per isolate, of at most LINKS_PER_FLUSH links; what is left waits for the next one. A
 * failed flush puts its counts back and tries again a second later.
 */
function scheduleFlush(c: Context<AppEnv>): void {
  // Already after the response: the flush awaits its own fan-outs.
  const ctx = { env: c.env, db: c.var.db };
  c.executionCtx.waitUntil(
    (async () => {
      await scheduler.wait(FLUSH_DELAY_MS);
      if (await flushVisitBuffer(ctx)) scheduleFlush(c);
    })(),
  );
}

function localeOf(c: Context<AppEnv>, target: ShortLinkTarget): LocaleCode {
  return isLocaleCode(target.locale) ? target.locale : pickLocale(c.req.header("Accept-Language"));
}

/** Who to ask for a new invitation: the inviter when known, else the organization. */
function senderOf(target: ShortLinkTarget): string {
  const name = vortexFields(target.vortex).inviter?.name;
  return name && name.trim() !== "" ? name : target.organizationName;
}

function notFoundPage(c: Context<AppEnv>): Response {
  return c.html(renderLinkPage("not_found", pickLocale(c.req.header("Accept-Language"))), 404);
}
