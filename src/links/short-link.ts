import type { Context } from "hono";
import { DEFAULT_LOCALE, isLocaleCode, type LocaleCode, messagesFor, pickLocale } from "../core/locales";
import { vortexFields } from "../core/vortex-fields";
import { findShortLinkTarget, type ShortLinkTarget } from "../db/short-links-repo";
import type { AppEnv } from "../env";
import { classifyClick, clickSignalsOf } from "./bot-detection";
import { readAtEdge } from "./edge-read";
import { linkCache, unfurlCache } from "./link-cache";
import { renderLinkPage } from "./link-pages";
import { closedLinkPage } from "./link-state";
import { queueVisit } from "./queue-visit";
import { queueRepeatVisit } from "./repeat-visits";
import { type PersonLink, renderUnfurlPage, unfurlFor } from "./unfurl-page";
import { shortLinkVisit } from "./visit-message";

/** Short codes are base62 (12 characters today); anything else is answered without touching D1. */
const SHORT_CODE = /^[0-9A-Za-z]{6,32}$/;

/**
 * `GET|HEAD /i/<code>` on the short-link host (Vortex `shortLink`). Preview bots, scanners and HEAD get a
 * page with Open Graph and Twitter card tags and count as a view; people get a 302 to the widget
 * configuration's landing URL with `invitationId` and count as a click-through; the preview page also
 * links there, for a person taken for a bot. Revoked, declined or expired → 410, each with its own page
 * (link-state.ts); unknown → 404; neither counts.
 *
 * The invitation is read at the edge (edge-read.ts), and a repeat within the link caches' TTL (a person's
 * redirect, a bot's page) is answered from memory with no D1 read. Every visit of a valid link, cached or
 * not, is counted after the response through the `link-visits` queue, whose consumer writes a batch of
 * visits in one D1 batch: a first visit is sent at once (queue-visit.ts), a repeat with the others of its
 * isolate's one-second window (repeat-visits.ts).
 */
export async function handleShortLink(c: Context<AppEnv>): Promise<Response> {
  const code = c.req.param("code") ?? "";
  if (!SHORT_CODE.test(code)) return notFoundPage(c);
  const click = classifyClick(clickSignalsOf(c.req.raw));
  const person = click.by === "person";
  const now = new Date();
  const cacheKey = `short:${code}`;
  const cached = person ? linkCache.get(cacheKey, now.getTime()) : unfurlCache.get(cacheKey, now.getTime());
  if (cached) {
    queueRepeatVisit(c, shortLinkVisit(code, click, now));
    return "location" in cached ? c.redirect(cached.location, 302) : c.html(cached.html, 200);
  }
  const target = await readAtEdge(c, (db) => findShortLinkTarget(db, code));
  if (!target) return notFoundPage(c);
  const closed = closedLinkPage(target, now);
  if (closed) return c.html(renderLinkPage(closed, localeOf(c, target), senderOf(target)), 410);
  const location = landingUrl(target.landingUrl, target.token);
  if (!person) {
    queueVisit(c, shortLinkVisit(code, click, now));
    const url = new URL(`/i/${code}`, c.env.SHORT_LINK_ORIGIN).toString();
    const html = renderUnfurlPage(unfurlFor({ ...target, url }), target.locale, personLink(location, target));
    unfurlCache.set(cacheKey, { html, expiresAt: target.expiresAt.getTime() }, now.getTime());
    return c.html(html, 200);
  }
  if (!location) return notFoundPage(c);
  queueVisit(c, shortLinkVisit(code, click, now));
  // After a person's click the invitation is on its way to `opened`: repeats may come from memory.
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

/**
 * The preview page's link for a person: where their click would be redirected, worded in the invitation's
 * language (the page is cached for every visitor, so not in the request's).
 */
function personLink(location: string | null, target: ShortLinkTarget): PersonLink | null {
  if (location === null) return null;
  const { preview } = messagesFor(isLocaleCode(target.locale) ? target.locale : DEFAULT_LOCALE).linkPages;
  return { href: location, prompt: preview.notRedirected, label: preview.openLink };
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
