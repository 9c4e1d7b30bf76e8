import type { RouteHandler } from "@hono/zod-openapi";
import { listTimeline } from "../../db/events-repo";
import { findInvitation } from "../../db/invitations-repo";
import { invitationView } from "../../dialects/autodoc/invitation-view";
import { valueOrAutodocError } from "../../dialects/autodoc/refusal-error";
import type { AppEnv } from "../../env";
import { commitContext } from "../../http/commit-context";
import { ApiError } from "../../http/errors";
import { recordVisit } from "../../invitations/record-event";
import type { listTimeline as listTimelineRoute, recordVisitorEvent } from "./events.routes";

export const record: RouteHandler<typeof recordVisitorEvent, AppEnv> = async (c) => {
  const { token } = c.req.valid("param");
  const { type, dossierId } = c.req.valid("json");
  const outcome = await recordVisit(
    commitContext(c),
    c.var.principal,
    token,
    { type, dossierId },
    new Date(),
  );
  return c.json(invitationView(valueOrAutodocError(outcome), c.env.START_ORIGIN), 200);
};

export const timeline: RouteHandler<typeof listTimelineRoute, AppEnv> = async (c) => {
  const { token } = c.req.valid("param");
  const { db, principal } = c.var;
  if (!(await findInvitation(db, principal, "autodoc", token)))
    throw new ApiError("not_found", `No invitation "${token}".`);
  const rows = await listTimeline(db, principal, token);
  const data = rows.map((row) => ({
    id: row.publicId,
    type: row.type,
    occurredAt: row.occurredAt.toISOString(),
    data: row.data,
  }));
  return c.json({ object: "list" as const, data }, 200);
};
