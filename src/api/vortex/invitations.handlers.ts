import type { RouteHandler } from "@hono/zod-openapi";
import { findInvitation } from "../../db/invitations-repo";
import * as repo from "../../db/vortex-invitations-repo";
import { listAutojoinForDomain } from "../../db/vortex-scope-repo";
import { valueOrVortexError } from "../../dialects/vortex/refusal-error";
import { renderInvitation, renderInvitations } from "../../dialects/vortex/render";
import { normalizeTarget } from "../../dialects/vortex/target";
import type { AppEnv } from "../../env";
import { commitContext } from "../../http/commit-context";
import { ApiError } from "../../http/errors";
import { createInvitation } from "../../invitations/create";
import { deactivate } from "../../invitations/deactivate";
import { vortexInvitationDraft } from "./invitation-draft";
import type * as routes from "./invitations.routes";
import { AUTOJOIN_LISTING_LIMIT, TARGET_LISTING_LIMIT, withinLimit } from "./listing";

export const create: RouteHandler<typeof routes.createInvitation, AppEnv> = async (c) => {
  const body = c.req.valid("json");
  const now = new Date();
  const draft = vortexInvitationDraft(body, c.var.principal, now);
  const created = valueOrVortexError(await createInvitation(commitContext(c), c.var.principal, draft, now));
  const shortLink = new URL(`/i/${created.shortCode}`, c.env.SHORT_LINK_ORIGIN).toString();
  return c.json(
    { id: created.token, shortLink, status: "queued" as const, createdAt: created.createdAt.toISOString() },
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
  const row = await findInvitation(c.var.db, c.var.principal, "vortex", id);
  if (!row) throw new ApiError("not_found", `Invitation ${id} not found.`);
  return c.json(await renderInvitation(c.var.db, row), 200);
};

export const revoke: RouteHandler<typeof routes.revokeInvitation, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  const found = await deactivate(commitContext(c), c.var.principal, { tokens: [id] }, "revoked", new Date());
  if (found.length === 0) throw new ApiError("not_found", `Invitation ${id} not found.`);
  return c.json({}, 200);
};
