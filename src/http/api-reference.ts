import { Scalar } from "@scalar/hono-api-reference";
import type { Hono } from "hono";
import type { AppEnv } from "../env";

/** Where Workers Static Assets serves the reference's bundle (see wrangler.toml `[assets]`). */
export const API_REFERENCE_SCRIPT = "/docs/assets/scalar-api-reference.js";

/**
 * `GET /docs`: the browsable API reference of `/openapi.json`. Everything it loads comes from this host (no
 * CDN, no web fonts), which its Content-Security-Policy states, so it works offline and behind a strict proxy.
 */
export function serveApiReference(app: Hono<AppEnv>): void {
  app.get("/docs/assets/*", (c) => c.env.ASSETS.fetch(c.req.raw));
  app.get("/docs", async (c, next) => {
    const nonce = crypto.randomUUID().replaceAll("-", "");
    const render = Scalar<AppEnv>({
      url: "/openapi.json",
      pageTitle: "Invitations API",
      cdn: API_REFERENCE_SCRIPT,
      nonce,
      withDefaultFonts: false,
      // Scalar's hosted extras (the AI agent, the SDK generator, telemetry) would call out to its servers.
      agent: { disabled: true },
      showDeveloperTools: "never",
      telemetry: false,
    });
    const page = await render(c, next);
    if (!page) throw new Error("The API reference rendered no page.");
    page.headers.set(
      "Content-Security-Policy",
      [
        "default-src 'self'",
        `script-src 'self' 'nonce-${nonce}'`,
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "frame-ancestors 'none'",
      ].join("; "),
    );
    return page;
  });
}
