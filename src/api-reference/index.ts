import { Hono } from "hono";
import type { AppEnv } from "../env";
import { PAGE_SECURITY_HEADERS, renderRecentRequestsPage } from "./recent-requests-page";
import { RECENT_REQUESTS_SCRIPT } from "./recent-requests-script";
import { RECENT_REQUESTS_STYLE } from "./recent-requests-style";

/** A static asset of the page: the same text for everyone, cached for an hour. */
function asset(body: string, contentType: string): () => Response {
  return () =>
    new Response(body, {
      headers: {
        "Content-Type": contentType,
        "Cache-Control": "public, max-age=3600",
        "X-Content-Type-Options": "nosniff",
      },
    });
}

/**
 * Pages beside the API reference (`/docs`), mounted at /docs: "Recent requests" (`/docs/requests`), which
 * reads `GET /v1/autodoc/requests` with a key the person pastes. The page holds no data and no secret; the
 * browser's script fills it.
 */
export function referencePagesRouter() {
  const router = new Hono<AppEnv>();
  const page = renderRecentRequestsPage();
  router.get("/requests", (c) => c.html(page, 200, PAGE_SECURITY_HEADERS));
  router.get("/requests.js", asset(RECENT_REQUESTS_SCRIPT, "text/javascript; charset=utf-8"));
  router.get("/requests.css", asset(RECENT_REQUESTS_STYLE, "text/css; charset=utf-8"));
  return router;
}
