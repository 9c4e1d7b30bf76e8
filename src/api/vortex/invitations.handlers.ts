import type { RouteHandler } from "@hono/zod-openapi";
import { INVITATION_LIFETIME_MS } from "../../core/invitation-status";
import { randomBase62 } from "../../core/tokens";
import { deactivateVortexInvitations } from "../../db/vortex-deactivate-repo";
import * as repo from "../../db/vortex-invitations-repo";
import { listAutojoinForDomain } from "../../db/vortex-scope-repo";
import { deliveryMessage } from "../../delivery/message";
import { enqueueDelivery } from "../../delivery/producer";
import { renderInvitation, renderInvitations } from "../../dialects/vortex/render";
import { normalizeTarget } from "../../dialects/vortex/target";
import type { AppEnv } from "../../env";
import { ApiError } from "../../http/errors";
import { takeCreationBudget } from "../../http/rate-limit";
import { log } from "../../log";
import { dispatchWebhookEvents } from "../../webhooks/customer/dispatch";
import type * as routes from "./invitations.routes";
import { AUTOJOIN_LISTING_LIMIT, TARGET_LISTING_LIMIT, withinLimit } from "./listing";

export const create: RouteHandler<typeof routes.createInvitation, AppEnv> = async (c) => {
  const body = c.req.valid("json");
  const { principal, db } = c.var;
  const recipient = normalizeTarget(body.target.type, body.target.value);
  if (!recipient)
    throw new ApiError("validation_error", `target.value is not a valid ${body.target.type} target.`);
  const now = new Date();
  await takeCreationBudget(c.env, principal, now.getTime());
  const token = crypto.randomUUID();
  const inviter = body.inviter;
  const created = await repo.insertVortexInvitation(
    db,
    {
      token,
      organizationId: principal.organizationId,
      livemode: principal.livemode,
      workflowToken: body.widgetConfigurationId,
      channel: body.target.type === "phone" ? "sms" : "email",
      recipient,
      recipientName: body.target.name ?? null,
      locale: principal.defaultLocale,
      metadata: {},
      status: "pending",
      dialect: "vortex",
      deliveredBy: body.target.type === "email" ? "us" : "customer",
      shortCode: randomBase62(12),
      vortex: {
        widgetConfigurationId: body.widgetConfigurationId,
        target: { type: body.target.type, name: body.target.name, avatarUrl: body.target.avatarUrl },
        inviter: {
          userId: inviter.userId,
          userEmail: inviter.userEmail,
          name: inviter.name ?? inviter.userName,
          avatarUrl: inviter.avatarUrl ?? inviter.userAvatarUrl,
        },
        source: body.source,
        subtype: body.subtype,
        templateVariables: body.templateVariables ?? {},
        metadata: body.metadata ?? {},
        unfurlConfig: body.unfurlConfig,
      },
      deliveryDueAt: now,
      expiresAt: new Date(now.getTime() + INVITATION_LIFETIME_MS),
      createdAt: now,
      updatedAt: now,
    },
    body.widgetConfigurationId,
    (body.groups ?? []).map((group) => ({
      id: crypto.randomUUID(),
      organizationId: principal.organizationId,
      livemode: principal.livemode,
      groupType: group.type,
      groupId: group.groupId,
      name: group.name ?? group.groupId,
      createdAt: now,
    })),
  );
  if (!created)
    throw new ApiError("not_found", `Widget configuration ${body.widgetConfigurationId} not found.`);
  const { invitation } = created;
  c.executionCtx.waitUntil(dispatchWebhookEvents(c.env.WEBHOOKS, created.events));
  if (invitation.deliveredBy === "us") {
    try {
      await enqueueDelivery(c.env.DELIVERIES, deliveryMessage(token, 1));
    } catch (error) {
      log("warn", "enqueue_failed", { token, error: String(error) });
    }
  }
  const shortLink = new URL(`/i/${invitation.shortCode}`, c.env.SHORT_LINK_ORIGIN).toString();
  return c.json(
    { id: token, shortLink, status: "queued" as const, createdAt: invitation.createdAt.toISOString() },
    201,
  );
};

export const listByTarget: RouteHandler<typeof routes.listByTarget, AppEnv> = async (c) => {
  const { targetType, targetValue } = c.req.valid("query");
  const recipient = normalizeTarget(targetType, targetValue);
  const now = new Date();
  if (!recipient) return c.json({ invitations: [] }, 200);
  const { db, principal } = c.var;
  const open = await repo.listOpenByTarget(db, principal, recipient, now, TARGET_LISTING_LIMIT);
  const rows = withinLimit(c, open, TARGET_LISTING_LIMIT);
  // For an e-mail address, the autojoin invitations open to its domain come too (vortex-api.md §6).
  const domain = targetType === "email" || targetType === "username" ? recipient.split("@")[1] : undefined;
  if (domain) {
    const autojoin = await listAutojoinForDomain(db, principal, domain, now, AUTOJOIN_LISTING_LIMIT);
    rows.push(...withinLimit(c, autojoin, AUTOJOIN_LISTING_LIMIT));
  }
  return c.json({ invitations: await renderInvitations(db, rows) }, 200);
};

export const get: RouteHandler<typeof routes.getInvitation, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  const row = await repo.findVortexInvitation(c.var.db, c.var.principal, id);
  if (!row) throw new ApiError("not_found", `Invitation ${id} not found.`);
  return c.json(await renderInvitation(c.var.db, row), 200);
};

export const revoke: RouteHandler<typeof routes.revokeInvitation, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  const { found, events } = await deactivateVortexInvitations(
    c.var.db,
    c.var.principal,
    [id],
    new Date(),
    "revoked",
  );
  if (found.length === 0) throw new ApiError("not_found", `Invitation ${id} not found.`);
  c.executionCtx.waitUntil(dispatchWebhookEvents(c.env.WEBHOOKS, events));
  return c.json({}, 200);
};
