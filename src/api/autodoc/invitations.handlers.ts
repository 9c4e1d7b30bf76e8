import type { RouteHandler } from "@hono/zod-openapi";
import { INVITATION_LIFETIME_MS } from "../../core/invitation-status";
import { listLocales as supportedLocales } from "../../core/locales";
import { normalizePhoneNumber } from "../../core/phone";
import { newToken } from "../../core/tokens";
import * as repo from "../../db/invitations-repo";
import { deliveryMessage } from "../../delivery/message";
import { enqueueDelivery } from "../../delivery/producer";
import { coreStatusesFor, invitationView } from "../../dialects/autodoc/invitation-view";
import type { AppEnv } from "../../env";
import { ApiError } from "../../http/errors";
import { requireLocale } from "../../http/locale-param";
import { takeCreationBudget } from "../../http/rate-limit";
import { dispatchWebhookEvents } from "../../webhooks/customer/dispatch";
import type * as routes from "./invitations.routes";

export const create: RouteHandler<typeof routes.createInvitation, AppEnv> = async (c) => {
  const body = c.req.valid("json");
  const { principal } = c.var;
  const locale = requireLocale(body.locale ?? principal.defaultLocale);
  const recipient = body.channel === "sms" ? normalizePhoneNumber(body.recipient) : body.recipient;
  if (recipient === null) throw new ApiError("validation_error", "recipient: not a phone number.");
  const now = new Date();
  await takeCreationBudget(c.env, principal, now.getTime());
  const created = await repo.insertInvitationForActiveWorkflow(c.var.db, {
    token: newToken("adi"),
    organizationId: principal.organizationId,
    livemode: principal.livemode,
    workflowToken: body.workflowToken,
    channel: body.channel,
    recipient,
    recipientName: body.recipientName ?? null,
    locale,
    reference: body.reference ?? null,
    metadata: body.metadata ?? {},
    status: "pending",
    deliveryDueAt: now,
    expiresAt: new Date(now.getTime() + INVITATION_LIFETIME_MS),
    createdAt: now,
    updatedAt: now,
  });
  if (!created) {
    throw new ApiError("workflow_not_found", `No active workflow "${body.workflowToken}".`, {
      param: "workflowToken",
    });
  }
  const row = created.invitation;
  // Customer webhooks go out after the response; the sweeper repairs a lost dispatch.
  c.executionCtx.waitUntil(dispatchWebhookEvents(c.env.WEBHOOKS, created.events));
  try {
    await enqueueDelivery(c.env.DELIVERIES, deliveryMessage(row.token, 1));
  } catch (error) {
    // The invitation is stored; the sweeper re-enqueues pending invitations whose message never arrived.
    console.error(
      JSON.stringify({ level: "warn", event: "enqueue_failed", token: row.token, error: String(error) }),
    );
  }
  return c.json(invitationView(row, c.env.START_ORIGIN), 201);
};

export const list: RouteHandler<typeof routes.listInvitations, AppEnv> = async (c) => {
  const query = c.req.valid("query");
  const { db, principal } = c.var;
  let beforeId: number | undefined;
  if (query.startingAfter !== undefined) {
    const id = await repo.findInvitationId(db, principal, query.startingAfter);
    if (id === null) {
      const details = [{ field: "startingAfter", message: "No such invitation." }];
      throw new ApiError("validation_error", `startingAfter: no invitation "${query.startingAfter}".`, {
        details,
      });
    }
    beforeId = id;
  }
  const rows = await repo.listInvitations(db, principal, {
    reference: query.reference,
    statuses: query.status === undefined ? undefined : coreStatusesFor(query.status),
    channel: query.channel,
    beforeId,
    limit: query.limit,
  });
  const page = rows.slice(0, query.limit);
  const data = page.map((row) => invitationView(row, c.env.START_ORIGIN));
  return c.json({ object: "list" as const, data, hasMore: rows.length > query.limit }, 200);
};

export const locales: RouteHandler<typeof routes.listLocales, AppEnv> = async (c) => {
  return c.json({ default: c.var.principal.defaultLocale, locales: supportedLocales() }, 200);
};

export const get: RouteHandler<typeof routes.getInvitation, AppEnv> = async (c) => {
  const { token } = c.req.valid("param");
  const row = await repo.findInvitation(c.var.db, c.var.principal, token);
  if (!row) throw new ApiError("not_found", `No invitation "${token}".`);
  return c.json(invitationView(row, c.env.START_ORIGIN), 200);
};
