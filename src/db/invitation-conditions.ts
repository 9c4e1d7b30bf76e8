import { and, eq, gt, notInArray, type SQL } from "drizzle-orm";
import { ACCEPTED_STATUSES } from "../core/invitation-status";
import type { Scope } from "../core/scope";
import { checkOnly } from "./bounded";
import { invitations, organizations, widgetConfigurations } from "./schema";

/** Which API created an invitation; each dialect's callers see only their own. */
export type Dialect = "autodoc" | "vortex";

/**
 * A caller's invitations: its organization and mode, in its own dialect. Where invitations are found by their
 * tokens (a list of ids, a scope's groups) rather than by this scope, `check` makes the organization a check
 * only, so that the token index serves the statement whatever the organization holds.
 */
export function inDialect(scope: Scope, dialect: Dialect, how: "find" | "check" = "find"): SQL {
  const organization =
    how === "check"
      ? checkOnly(invitations.organizationId, scope.organizationId)
      : eq(invitations.organizationId, scope.organizationId);
  return (
    and(organization, eq(invitations.livemode, scope.livemode), eq(invitations.dialect, dialect)) ??
    eq(invitations.dialect, dialect)
  );
}

/**
 * An invitation still open: not revoked (deactivated), not expired, not accepted here or elsewhere. The SQL
 * twin of `whyClosed` (core/invitation-status.ts).
 */
export function isOpenInvitation(now: Date): SQL {
  return (
    and(
      eq(invitations.deactivated, false),
      gt(invitations.expiresAt, now),
      notInArray(invitations.status, [...ACCEPTED_STATUSES]),
    ) ?? eq(invitations.deactivated, false)
  );
}

/** The join of an invitation to its organization. */
export const organizationOfInvitation: SQL = eq(organizations.id, invitations.organizationId);

/** The join of a Vortex invitation to the widget configuration it names (its `workflowToken`), in its organization. */
export const widgetOfInvitation: SQL =
  and(
    eq(widgetConfigurations.id, invitations.workflowToken),
    eq(widgetConfigurations.organizationId, invitations.organizationId),
  ) ?? eq(widgetConfigurations.id, invitations.workflowToken);
