import type { RouteHandler } from "@hono/zod-openapi";
import { INVITATION_LIFETIME_MS } from "../../core/invitation-status";
import { listLocales as supportedLocales } from "../../core/locales";
import { normalizePhoneNumber } from "../../core/phone";
import { newToken } from "../../core/tokens";
import type { NewInvitation } from "../../db/invitations-repo";
import * as repo from "../../db/invitations-repo";
import { coreStatusesFor, invitationView } from "../../dialects/autodoc/invitation-view";
import { valueOrAutodocError } from "../../dialects/autodoc/refusal-error";
import type { AppEnv } from "../../env";
import { commitContext } from "../../http/commit-context";
import { ApiError, fieldError, validationError } from "../../http/errors";
import { requireLocale } from "../../http/locale-param";
import { createInvitation } from "../../invitations/create";
import type * as routes from "./invitations.routes";

export const create: RouteHandler<typeof routes.createInvitation, AppEnv> = async (c) => {
  const body = c.req.valid("json");
  const { principal } = c.var;
  const locale = requireLocale(body.locale ?? principal.defaultLocale);
  const recipient = body.channel === "sms" ? normalizePhoneNumber(body.recipient) : body.recipient;
  if (recipient === null) throw validationError([fieldError("recipient", "must be a phone number")]);
  const now = new Date();
  const row: NewInvitation = {
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
  };
  const draft = { row, guard: { kind: "active_workflow" as const } };
  const created = valueOrAutodocError(await createInvitation(commitContext(c), principal, draft, now));
  return c.json(invitationView(created, c.env.START_ORIGIN), 201);
};

export const list: RouteHandler<typeof routes.listInvitations, AppEnv> = async (c) => {
  const query = c.req.valid("query");
  const { db, principal } = c.var;
  let beforeId: number | undefined;
  if (query.startingAfter !== undefined) {
    const id = await repo.findInvitationId(db, principal, query.startingAfter);
    if (id === null) {
      const names = `names no invitation of this organization and mode ("${query.startingAfter}")`;
      throw validationError([fieldError("startingAfter", names)]);
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
  const row = await repo.findInvitation(c.var.db, c.var.principal, "autodoc", token);
  if (!row) throw new ApiError("not_found", `No invitation "${token}".`);
  return c.json(invitationView(row, c.env.START_ORIGIN), 200);
};
