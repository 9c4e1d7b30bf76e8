import type { RouteHandler } from "@hono/zod-openapi";
import type { z } from "zod";
import { isExpired } from "../../core/invitation-status";
import type { Scope } from "../../core/scope";
import type { Database } from "../../db/client";
import { type RecordedEvent, recordedFrom } from "../../db/events-repo";
import { type AcceptTarget, acceptStatements, findPendingInternal } from "../../db/vortex-accept-repo";
import { deactivateVortexInvitations } from "../../db/vortex-deactivate-repo";
import { findVortexInvitations, type VortexRow } from "../../db/vortex-invitations-repo";
import { autojoinTokensAdmitting } from "../../db/vortex-scope-repo";
import { renderInvitations } from "../../dialects/vortex/render";
import { normalizeTarget } from "../../dialects/vortex/target";
import type { AppEnv } from "../../env";
import { ApiError } from "../../http/errors";
import { dispatchWebhookEvents } from "../../webhooks/customer/dispatch";
import type * as routes from "./accept.routes";
import type { AcceptBody } from "./accept.schemas";

/** `user` (or the legacy `target`, mapped as the Python and Ruby clients do) → who accepted. */
function acceptTarget(body: z.infer<typeof AcceptBody>): AcceptTarget {
  const { user, target } = body;
  const phone =
    user?.phone ?? (target && /^(phone|phoneNumber|sms)$/.test(target.type) ? target.value : undefined);
  const email = user?.email ?? (target && !phone ? target.value : undefined);
  const type = email ? "email" : "phone";
  const value = normalizeTarget(type, email ?? phone ?? "");
  if (!value) throw new ApiError("validation_error", `user.${type} is not a valid ${type}.`);
  return {
    type,
    value,
    ...(user?.name ? { name: user.name } : {}),
    ...(user?.isExisting === undefined ? {} : { isExisting: user.isExisting }),
  };
}

/**
 * Each row can be accepted by this target, or the first that cannot is refused. The autojoin rows' domains
 * are checked in one query for all of them, however many ids the request names.
 */
async function assertAcceptable(db: Database, rows: VortexRow[], target: AcceptTarget, now: Date) {
  const autojoin = rows.filter((row) => row.invitationType === "autojoin").map((row) => row.token);
  const domain = target.type === "email" ? target.value.split("@")[1] : undefined;
  const admitting =
    autojoin.length > 0 && domain ? await autojoinTokensAdmitting(db, autojoin, domain) : new Set<string>();
  for (const row of rows) assertRowAcceptable(row, admitting, now);
}

function assertRowAcceptable(row: VortexRow, admittingAutojoin: Set<string>, now: Date): void {
  const id = row.token;
  if (row.deactivated) throw new ApiError("invitation_revoked", `Invitation ${id} has been revoked.`);
  if (isExpired(row.expiresAt, now))
    throw new ApiError("invitation_expired", `Invitation ${id} has expired.`);
  if (
    row.status === "accepted_elsewhere" ||
    (row.invitationType === "single_use" && row.status === "accepted")
  ) {
    throw new ApiError("already_accepted", `Invitation ${id} has already been accepted.`);
  }
  if (row.invitationType === "autojoin" && !admittingAutojoin.has(id)) {
    throw new ApiError("forbidden", `Invitation ${id} admits only addresses on its autojoin domains.`);
  }
}

/** Accepts the rows in one batch; a single-use row that a concurrent accept took first is a 409. */
async function accept(db: Database, scope: Scope, rows: VortexRow[], target: AcceptTarget, now: Date) {
  const plans = rows.map((row) => {
    const together = rows.map((r) => r.token);
    const statements = acceptStatements(db, scope, row, target, crypto.randomUUID(), now, together);
    return { row, statements };
  });
  const [first, ...rest] = plans.flatMap((plan) => [...plan.statements]);
  if (!first) return [];
  const results = await db.batch([first, ...rest]);
  let index = 0;
  const events: RecordedEvent[] = [];
  for (const plan of plans) {
    const [inserted, recorded] = results.slice(index, index + plan.statements.length);
    index += plan.statements.length;
    if (!Array.isArray(inserted) || inserted.length === 0) {
      throw new ApiError("already_accepted", `Invitation ${plan.row.token} has already been accepted.`);
    }
    events.push(...recordedFrom([recorded]));
  }
  return events;
}

export const acceptInvitations: RouteHandler<typeof routes.acceptInvitations, AppEnv> = async (c) => {
  const body = c.req.valid("json");
  const { db, principal } = c.var;
  const target = acceptTarget(body);
  const ids = [...new Set(body.invitationIds)];
  const now = new Date();
  const found = await findVortexInvitations(db, principal, ids);
  const rows = ids.map((id) => {
    const row = found.find((r) => r.token === id);
    if (!row) throw new ApiError("not_found", `Invitation ${id} not found.`);
    return row;
  });
  await assertAcceptable(db, rows, target, now);
  const events = await accept(db, principal, rows, target, now);
  c.executionCtx.waitUntil(dispatchWebhookEvents(c.env.WEBHOOKS, events));
  return c.json(
    { invitations: await renderInvitations(db, await findVortexInvitations(db, principal, ids)) },
    200,
  );
};

export const syncInternalInvitation: RouteHandler<typeof routes.syncInternalInvitation, AppEnv> = async (
  c,
) => {
  const { creatorId, targetValue, action, componentId } = c.req.valid("json");
  const { db, principal } = c.var;
  const now = new Date();
  const rows = await findPendingInternal(db, principal, { creatorId, targetValue, componentId }, now);
  if (rows.length === 0) throw new ApiError("not_found", "No pending internal invitation found.");
  const tokens = rows.map((row) => row.token);
  const events =
    action === "accepted"
      ? await accept(db, principal, rows, { type: "internal", value: targetValue }, now)
      : (await deactivateVortexInvitations(db, principal, tokens, now, "declined")).events;
  c.executionCtx.waitUntil(dispatchWebhookEvents(c.env.WEBHOOKS, events));
  return c.json({ processed: tokens.length, invitationIds: tokens }, 200);
};
