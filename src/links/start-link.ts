import type { Context } from "hono";
import { isExpired } from "../core/invitation-status";
import { isLocaleCode, pickLocale } from "../core/locales";
import { resolveLink } from "../db/links-repo";
import type { AppEnv } from "../env";
import { dispatchWebhookEvents } from "../webhooks/customer/dispatch";
import { isAutomatedRequest } from "./bot-detection";
import { renderLinkPage } from "./link-pages";

const INVITATION_TOKEN = /^adi_[0-9A-Za-z]{24}$/;
const WORKFLOW_TOKEN = /^[A-Za-z0-9_-]{3,64}$/;

/** Link answers are per person and per moment: nothing may cache them or leak the token onwards. */
export const PRIVATE_LINK_HEADERS = {
  "Cache-Control": "no-store",
  "Referrer-Policy": "no-referrer",
} as const;

/**
 * `GET /<workflow_token>?invitation_token=<token>` on the start host. Valid → 302 to the visitor app and,
 * for a person, the invitation moves to `opened`; expired → 410 page; anything else → 404 page.
 * Scanners, preview bots and HEAD requests get the same answer but change nothing.
 */
export async function handleStartLink(c: Context<AppEnv>): Promise<Response> {
  const workflowToken = c.req.param("workflowToken") ?? "";
  const token = c.req.query("invitation_token") ?? "";
  const acceptLanguage = c.req.header("Accept-Language");
  if (!WORKFLOW_TOKEN.test(workflowToken) || !INVITATION_TOKEN.test(token)) {
    return notFoundPage(c, acceptLanguage);
  }
  const person = !isAutomatedRequest({ method: c.req.method, userAgent: c.req.header("User-Agent") });
  const now = new Date();
  const { target, events } = await resolveLink(c.var.db, token, workflowToken, now, person);
  if (events.length > 0) c.executionCtx.waitUntil(dispatchWebhookEvents(c.env.WEBHOOKS, events));
  if (!target || target.workflowToken !== workflowToken) return notFoundPage(c, acceptLanguage);
  if (isExpired(target.expiresAt, now)) {
    const locale = isLocaleCode(target.locale) ? target.locale : pickLocale(acceptLanguage);
    return c.html(renderLinkPage("expired", locale, target.organizationName), 410);
  }
  return c.redirect(visitorAppUrl(c.env.VISITOR_APP_URL, workflowToken, token), 302);
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
