import { Hono } from "hono";
import { pickLocale } from "../core/locales";
import type { AppEnv } from "../env";
import { database } from "../http/database";
import { renderLinkPage } from "./link-pages";
import { handleStartLink, PRIVATE_LINK_HEADERS } from "./start-link";

/** The start host (start.auto-doc.ai): nothing but recipients' links. */
export function startHostApp() {
  const app = new Hono<AppEnv>();
  app.use("*", async function privateLinkResponses(c, next) {
    await next();
    for (const [name, value] of Object.entries(PRIVATE_LINK_HEADERS)) c.res.headers.set(name, value);
  });
  app.use("*", database());
  app.get("/:workflowToken", handleStartLink);
  app.notFound((c) => c.html(renderLinkPage("not_found", pickLocale(c.req.header("Accept-Language"))), 404));
  app.onError((error, c) => {
    console.error(JSON.stringify({ level: "error", event: "start_link_error", error: String(error) }));
    return c.text("This link cannot be opened right now. Please try again in a moment.", 503, {
      "Retry-After": "5",
    });
  });
  return app;
}
