import { isExpired } from "../core/invitation-status";
import type { Scope } from "../core/scope";
import { type AcceptTarget, acceptInvitations } from "../db/vortex-accept-repo";
import { findVortexInvitations, type VortexRow } from "../db/vortex-invitations-repo";
import { autojoinTokensAdmitting } from "../db/vortex-scope-repo";
import { type CommitContext, commit } from "./commit";
import { accepted, type Outcome, type Refusal, refused } from "./refusals";

/** Why this target may not accept this invitation, or null when it may. */
function whyNotAcceptable(row: VortexRow, admittingAutojoin: Set<string>, now: Date): Refusal | null {
  const id = row.token;
  if (row.deactivated) return { kind: "revoked", id };
  if (isExpired(row.expiresAt, now)) return { kind: "expired", id };
  // A multi-use or autojoin invitation is accepted as often as people come; a single-use one once.
  if (
    row.status === "accepted_elsewhere" ||
    (row.invitationType === "single_use" && row.status === "accepted")
  ) {
    return { kind: "already_accepted", id };
  }
  if (row.invitationType === "autojoin" && !admittingAutojoin.has(id))
    return { kind: "domain_not_admitted", id };
  return null;
}

/**
 * Accepts several of the caller's invitations at once for one target (Vortex accept): every id must name one
 * of them, and each must be acceptable (the autojoin ones check the target's e-mail domain, in one query for
 * all). Then one batch accepts them all; a single-use invitation another request accepted first is refused
 * (409), while the others stay accepted and their events are published.
 */
export async function acceptByIds(
  ctx: CommitContext,
  scope: Scope,
  ids: string[],
  target: AcceptTarget,
  now: Date,
): Promise<Outcome<string[]>> {
  const found = await findVortexInvitations(ctx.db, scope, ids);
  const rows: VortexRow[] = [];
  for (const id of ids) {
    const row = found.find((r) => r.token === id);
    if (!row) return refused({ kind: "not_found", subject: "invitation", id });
    rows.push(row);
  }
  const autojoin = rows.filter((row) => row.invitationType === "autojoin").map((row) => row.token);
  const domain = target.type === "email" ? target.value.split("@")[1] : undefined;
  const admitting =
    autojoin.length > 0 && domain
      ? await autojoinTokensAdmitting(ctx.db, autojoin, domain)
      : new Set<string>();
  for (const row of rows) {
    const refusal = whyNotAcceptable(row, admitting, now);
    if (refusal) return refused(refusal);
  }
  return acceptRows(ctx, scope, rows, target, now);
}

/** Accepts rows already found open (sync-internal finds them so); see acceptByIds for the race. */
export async function acceptRows(
  ctx: CommitContext,
  scope: Scope,
  rows: VortexRow[],
  target: AcceptTarget,
  now: Date,
): Promise<Outcome<string[]>> {
  const lost = await commit(ctx, acceptInvitations(ctx.db, scope, rows, target, now));
  const [first] = lost;
  if (first) return refused({ kind: "already_accepted", id: first });
  return accepted(rows.map((row) => row.token));
}
