import type { RouteHandler } from "@hono/zod-openapi";
import { isNull } from "drizzle-orm";
import { type EventInput, listTimeline, recordEvents } from "../../db/events-repo";
import { findInvitation } from "../../db/invitations-repo";
import { invitations } from "../../db/schema";
import { invitationView } from "../../dialects/autodoc/invitation-view";
import type { AppEnv } from "../../env";
import { ApiError } from "../../http/errors";
import { dispatchWebhookEvents } from "../../webhooks/customer/dispatch";
import type { listTimeline as listTimelineRoute, recordVisitorEvent } from "./events.routes";

export const record: RouteHandler<typeof recordVisitorEvent, AppEnv> = async (c) => {
  const { token } = c.req.valid("param");
  const { type, dossierId } = c.req.valid("json");
  const { db, principal } = c.var;
  if (!(await findInvitation(db, principal, token)))
    throw new ApiError("not_found", `No invitation "${token}".`);
  const at = new Date();
  const data = dossierId ? { dossierId } : {};
  const events: EventInput[] = [];
  if (type === "started") {
    // Someone who starts has opened the link, even if we never saw the click (another device, a copied link).
    events.push({
      token,
      type: "link.opened",
      at,
      data: { implied: true },
      guard: isNull(invitations.openedAt),
      dedupeKey: `visitor:${token}:opened`,
      transition: { to: "opened", webhookType: "invitation.opened" },
    });
  }
  events.push({
    token,
    type: `visitor.${type}`,
    at,
    data,
    dedupeKey: `visitor:${token}:${type}`,
    transition: { to: type, webhookType: `invitation.${type}` },
  });
  const recorded = await recordEvents(db, events);
  c.executionCtx.waitUntil(dispatchWebhookEvents(c.env.WEBHOOKS, recorded));
  const updated = await findInvitation(db, principal, token);
  if (!updated) throw new ApiError("not_found", `No invitation "${token}".`);
  return c.json(invitationView(updated, c.env.START_ORIGIN), 200);
};

export const timeline: RouteHandler<typeof listTimelineRoute, AppEnv> = async (c) => {
  const { token } = c.req.valid("param");
  const { db, principal } = c.var;
  if (!(await findInvitation(db, principal, token)))
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
