import type { Scope } from "../core/scope";
import {
  type Deactivated,
  type DeactivationReason,
  deactivateInvitations,
} from "../db/vortex-deactivate-repo";
import { type CommitContext, commit } from "./commit";

/**
 * Revokes (or records the decline of) invitations: their links die, their pending sends are never made, and
 * each that was still active gets its `invitation.deactivated` event, once. Answers the tokens found.
 */
export function deactivate(
  ctx: CommitContext,
  scope: Scope,
  which: Deactivated,
  reason: DeactivationReason,
  now: Date,
): Promise<string[]> {
  if ("tokens" in which && which.tokens.length === 0) return Promise.resolve([]);
  return commit(ctx, deactivateInvitations(ctx.db, scope, which, now, reason));
}
