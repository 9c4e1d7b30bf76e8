import { bodyLimit } from "hono/body-limit";
import { adminRouter } from "./api/admin";
import { autodocRouter } from "./api/autodoc";
import { providerWebhooksRouter } from "./api/provider-callbacks";
import { vortexRouter } from "./api/vortex";
import { isVortexPath, vortexError, vortexNotFound } from "./api/vortex/errors";
import { referencePagesRouter } from "./api-reference";
import { devRouter } from "./dev";
import { allowedMethodsOf, methodNotAllowed } from "./http/allowed-methods";
import { serveApiDocument } from "./http/api-document";
import { serveApiReference } from "./http/api-reference";
import { createRouter } from "./http/create-router";
import { database } from "./http/database";
import { ApiError, handleError, notFound } from "./http/errors";
import { jsonBodiesOnly } from "./http/json-content-type";
import { jsonDepthLimit } from "./http/json-depth";
import { requestIds } from "./http/request-id";
import { shortLinkHostApp, startHostApp } from "./links";
import { requestHistoryRecorder } from "./request-history/recorder";

/** Every request body of the API host, both dialects and the operator API. */
export const MAX_BODY_BYTES = 64 * 1024;

/** The three APIs of the API host: JSON bodies only, and each of their requests goes into a request history. */
const API_PATHS = ["/v1/autodoc/*", "/api/v1/*", "/admin/*"];

/** The API host: both dialects, the operator API, the OpenAPI document and its reference. */
export function apiApp() {
  const app = createRouter();
  app.use("*", requestIds(), database());
  // First after the request id, so that every answer below it is recorded, refusals of the checks included.
  const recorder = requestHistoryRecorder();
  for (const api of API_PATHS) app.use(api, recorder);
  app.use(
    "*",
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new ApiError("payload_too_large", `Request bodies are limited to ${MAX_BODY_BYTES} bytes.`);
      },
    }),
  );
  for (const api of API_PATHS) app.use(api, jsonBodiesOnly());
  app.use("*", jsonDepthLimit());
  app.onError((err, c) => (isVortexPath(c.req.path) ? vortexError(err, c) : handleError(err, c)));
  const allowedMethods = allowedMethodsOf(app);
  app.notFound((c) => {
    const wrongMethod = methodNotAllowed(c.req.method, c.req.path, allowedMethods(c.req.path));
    if (wrongMethod) throw wrongMethod;
    return isVortexPath(c.req.path) ? vortexNotFound(c) : notFound(c);
  });
  app.get("/healthz", (c) => c.json({ ok: true }));
  app.route("/admin", adminRouter());
  app.route("/v1/autodoc", autodocRouter());
  app.route("/api/v1", vortexRouter());
  app.route("/dev", devRouter());
  app.route("/webhooks", providerWebhooksRouter());
  serveApiDocument(app);
  serveApiReference(app);
  app.route("/docs", referencePagesRouter());
  return app;
}

/** One Worker, several hosts: the start and short-link hosts serve recipients' links, every other host the API. */
export function createApp() {
  const api = apiApp();
  const start = startHostApp();
  const short = shortLinkHostApp();
  return {
    fetch(request: Request, env: Env, ctx: ExecutionContext): Response | Promise<Response> {
      const host = new URL(request.url).hostname;
      const target =
        host === new URL(env.START_ORIGIN).hostname
          ? start
          : host === new URL(env.SHORT_LINK_ORIGIN).hostname
            ? short
            : api;
      return target.fetch(request, env, ctx);
    },
  };
}
