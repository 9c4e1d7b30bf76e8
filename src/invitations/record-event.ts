import type { Scope } from "../core/scope";
import { findInvitation, type InvitationRow } from "../db/invitations-repo";
import { recordVisitorEvent, type VisitorEventType } from "../db/visitor-events-repo";
import { type CommitContext, commit } from "./commit";
import { accepted, type Outcome, refused } from "./refusals";

/**
 * The visitor app tells us where the recipient is (AutoDoc): the invitation moves forward to it, once, with
 * its webhook, and answers as it now is. A repeat, or an event behind the current status, changes nothing.
 */
export async function recordVisit(
  ctx: CommitContext,
  scope: Scope,
  token: string,
  visit: { type: VisitorEventType; dossierId?: string | undefined },
  now: Date,
): Promise<Outcome<InvitationRow>> {
  const notFound = refused<InvitationRow>({ kind: "not_found", subject: "invitation", id: token });
  if (!(await findInvitation(ctx.db, scope, "autodoc", token))) return notFound;
  await commit(ctx, recordVisitorEvent(ctx.db, token, visit.type, visit.dossierId, now));
  const updated = await findInvitation(ctx.db, scope, "autodoc", token);
  return updated ? accepted(updated) : notFound;
}
