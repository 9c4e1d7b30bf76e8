import {
  type InvitationRow,
  insertInvitationForActiveWorkflow,
  type NewInvitation,
} from "../db/invitations-repo";
import type { invitationGroups } from "../db/schema";
import { insertVortexInvitation } from "../db/vortex-invitations-repo";
import { deliveryMessage } from "../delivery/message";
import type { Principal } from "../env";
import { takeCreationBudget } from "./budgets";
import { type CommitContext, commit } from "./commit";
import { accepted, type Outcome, refused } from "./refusals";

/** The scopes (Vortex groups) a new invitation joins. */
export type NewGroup = Omit<typeof invitationGroups.$inferInsert, "invitationToken">;

/**
 * What an invitation needs to exist, per dialect: an active workflow of the organization and mode (AutoDoc), or
 * a widget configuration of the organization, with the groups to join (Vortex, autojoin included).
 */
export type CreationGuard =
  | { kind: "active_workflow" }
  | { kind: "widget_configuration"; widgetConfigurationId: string; groups: NewGroup[] };

/** A new invitation as a dialect parsed it: the row to store, and what it must name. */
export interface InvitationDraft {
  row: NewInvitation;
  guard: CreationGuard;
}

/**
 * Creates an invitation, for either dialect. It takes a unit of the organization's creation budget, then
 * writes the row (only if its workflow or widget configuration qualifies: the guard and the write are one
 * statement), its groups and `invitation.created`, in one batch. When we deliver it (`deliveredBy = us`),
 * its first send is queued.
 */
export async function createInvitation(
  ctx: CommitContext,
  principal: Principal,
  draft: InvitationDraft,
  now: Date,
): Promise<Outcome<InvitationRow>> {
  const overBudget = await takeCreationBudget(ctx.env, principal, now);
  if (overBudget) return refused(overBudget);
  const { row, guard } = draft;
  const write =
    guard.kind === "active_workflow"
      ? insertInvitationForActiveWorkflow(ctx.db, row)
      : insertVortexInvitation(ctx.db, row, guard.widgetConfigurationId, guard.groups);
  const created = await commit(ctx, write, (invitation) =>
    invitation?.deliveredBy === "us" ? [deliveryMessage(invitation.token, 1)] : [],
  );
  if (created) return accepted(created);
  return guard.kind === "active_workflow"
    ? refused({ kind: "not_found", subject: "workflow", id: row.workflowToken })
    : refused({ kind: "not_found", subject: "widget_configuration", id: guard.widgetConfigurationId });
}
