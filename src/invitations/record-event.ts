import type { Scope } from "../core/scope";
import type { InvitationRow } from "../db/invitations-repo";
import { recordVisitorEvent, type VisitorEventType } from "../db/visitor-events-repo";
import { type CommitContext, commit } from "./commit";
import { accepted, type Outcome, refused } from "./refusals";

/**
 * The visitor app tells us where the recipient is (AutoDoc): the invitation moves forward to it, once, with
 * its webhook, and answers as it now is, in one batch. A repeat, or an event behind the current status,
 * changes nothing; an invitation that is not the caller's is not found, and nothing is written.
 */
export async function recordVisit(
  ctx: CommitContext,
  scope: Scope,
  token: string,
  visit: { type: VisitorEventType; dossierId?: string | undefined },
  now: Date,
): Promise<Outcome<InvitationRow>> {
  const updated = await commit(ctx, recordVisitorEvent(ctx.db, scope, token, visit, now));
  return updated ? accepted(updated) : refused({ kind: "not_found", subject: "invitation", id: token });
}
