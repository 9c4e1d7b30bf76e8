import { Hono } from "hono";
import { isLocalEnvironment } from "../config/environment";
import { listRecentOutboxMessages } from "../db/outbox-repo";
import { findInvitationForVisitorStub } from "../db/visitor-stub-repo";
import type { AppEnv } from "../env";
import { adminAuth } from "../http/auth";
import { ApiError } from "../http/errors";
import { rewindInvitation } from "./clock";
import { readTally, resetTally } from "./metering";
import { renderOutboxPage, renderVisitorPlaceholder } from "./pages";

/**
 * Development helpers on the API host, only when ENVIRONMENT is `development` or `test`:
 * `/dev/outbox` shows what the outbox provider kept; `/dev/visitor/…` stands in for the visitor app;
 * `/dev/invitations/:token/rewind` is the test clock for trying resends without waiting out the cooldown;
 * `/dev/metering` answers (and `/dev/metering/reset` resets) the isolate's metering tally for the bench.
 */
export function devRouter() {
  const router = new Hono<AppEnv>();
  router.use("*", async function developmentOnly(c, next) {
    if (!isLocalEnvironment(c.env.ENVIRONMENT))
      throw new ApiError("not_found", `No route for ${c.req.method} ${c.req.path}.`);
    await next();
  });
  router.post("/invitations/:token/rewind", adminAuth(), rewindInvitation);
  router.get("/metering", readTally);
  router.post("/metering/reset", adminAuth(), resetTally);
  router.get("/outbox", async (c) => {
    const rows = await listRecentOutboxMessages(c.var.db, 50);
    return c.html(renderOutboxPage(rows));
  });
  // The start link lands here with `invitation_token`; the seeded Vortex widget's landing URL with `invitationId`.
  router.get("/visitor/:workflowToken", async (c) => {
    const token = c.req.query("invitation_token") ?? c.req.query("invitationId") ?? "";
    const invitation = token === "" ? null : await findInvitationForVisitorStub(c.var.db, token);
    const page = renderVisitorPlaceholder(c.req.param("workflowToken"), token, invitation);
    return c.html(page, invitation === null ? 404 : 200);
  });
  return router;
}
