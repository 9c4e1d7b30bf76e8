import { Hono } from "hono";
import { pickLocale } from "../core/locales";
import type { AppEnv } from "../env";
import { database } from "../http/database";
import { logInternalError } from "../http/errors";
import { requestIds } from "../http/request-id";
import { renderLinkPage } from "./link-pages";
import { handleShortLink } from "./short-link";
import { handleStartLink, PRIVATE_LINK_HEADERS } from "./start-link";

/**
 * A host that serves nothing but recipients' links: every answer private and with its request id (as the
 * API's), localized pages, a 503 on failure.
 */
function linkHostApp(routes: (app: Hono<AppEnv>) => void) {
  const app = new Hono<AppEnv>();
  app.use("*", requestIds());
  app.use("*", async function privateLinkResponses(c, next) {
    await next();
    for (const [name, value] of Object.entries(PRIVATE_LINK_HEADERS)) c.res.headers.set(name, value);
  });
  app.use("*", database());
  routes(app);
  app.notFound((c) => c.html(renderLinkPage("not_found", pickLocale(c.req.header("Accept-Language"))), 404));
  app.onError((error, c) => {
    logInternalError(c, error);
    return c.text("This link cannot be opened right now. Please try again in a moment.", 503, {
      "Retry-After": "5",
    });
  });
  return app;
}

/** The start host (start.auto-doc.ai): `/<workflow_token>?invitation_token=…`. */
export function startHostApp() {
  return linkHostApp((app) => app.get("/:workflowToken", handleStartLink));
}

/** The short-link host (SHORT_LINK_ORIGIN): Vortex short links, `/i/<code>`. */
export function shortLinkHostApp() {
  return linkHostApp((app) => app.get("/i/:code", handleShortLink));
}
