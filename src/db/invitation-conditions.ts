import { and, eq, gt, notInArray, type SQL } from "drizzle-orm";
import { ACCEPTED_STATUSES } from "../core/invitation-status";
import type { Scope } from "../core/scope";
import { checkOnly } from "./bounded";
import { invitations } from "./schema";

/** Which API created an invitation; each dialect's callers see only their own. */
export type Dialect = "autodoc" | "vortex";

/** A caller's invitations: its organization and mode, in its own dialect. */
export function inDialect(scope: Scope, dialect: Dialect): SQL {
  return (
    and(
      eq(invitations.organizationId, scope.organizationId),
      eq(invitations.livemode, scope.livemode),
      eq(invitations.dialect, dialect),
    ) ?? eq(invitations.dialect, dialect)
  );
}

/**
 * The same scope, checked on invitations found by their tokens (a list of ids, a scope's groups) rather than
 * used to find them, so that the token index serves the statement whatever the organization holds.
 */
export function inDialectCheck(scope: Scope, dialect: Dialect): SQL {
  return (
    and(
      checkOnly(invitations.organizationId, scope.organizationId),
      eq(invitations.livemode, scope.livemode),
      eq(invitations.dialect, dialect),
    ) ?? eq(invitations.dialect, dialect)
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
