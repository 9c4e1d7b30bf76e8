import { and, eq, gt, notInArray, type SQL, sql } from "drizzle-orm";
import type { Scope } from "../core/scope";
import { notInList } from "./bounded";
import type { Database } from "./client";
import { isOpenInvitation } from "./invitation-conditions";
import { inSequence, type Plan, plan } from "./plan";
import { invitationAccepts, invitations } from "./schema";
import { eventInsertStatement, recordedFrom } from "./timeline";
import { moveInvitation, moveStatus } from "./transitions";
import { type VortexRow, vortexScope } from "./vortex-invitations-repo";

/** Who accepted: what the Vortex client sent as `user` (or the legacy `target`), normalized. */
export interface AcceptTarget {
  type: "email" | "phone" | "internal";
  value: string;
  name?: string;
  isExisting?: boolean;
}

/** An invitation that can still be accepted: live, unexpired and, when single-use, not accepted yet. */
function acceptable(token: string, now: Date): SQL | undefined {
  return and(
    eq(invitations.token, token),
    eq(invitations.deactivated, false),
    gt(invitations.expiresAt, now),
    notInArray(invitations.status, ["accepted_elsewhere"]),
    sql`(${invitations.invitationType} IS NOT 'single_use' OR ${invitations.status} <> 'accepted')`,
  );
}

/** Invitations of the same target that share a scope with `token` (or, without scopes, that have none). */
function sameScopeAs(token: string): SQL {
  return sql`(${invitations.token} IN (
      SELECT other.invitation_token FROM invitation_groups mine
      JOIN invitation_groups other ON other.organization_id = mine.organization_id
        AND other.livemode = mine.livemode AND other.group_type = mine.group_type AND other.group_id = mine.group_id
      WHERE mine.invitation_token = ${token})
    OR (NOT EXISTS (SELECT 1 FROM invitation_groups WHERE invitation_token = ${token})
      AND NOT EXISTS (SELECT 1 FROM invitation_groups g WHERE g.invitation_token = ${invitations.token})))`;
}

/**
 * The statements of one accept, for a batch: the accept row (written only while the invitation can be
 * accepted: the guard and the write are one statement), then, each conditioned on that row existing, the
 * `invitation.accepted` event, the status move, and for a single-use invitation the other open invitations
 * of the same target in the same scope becoming `accepted_elsewhere`. A second accept of a single-use
 * invitation, even a concurrent one, finds the guard false and writes nothing.
 */
function acceptStatements(
  db: Database,
  scope: Scope,
  row: VortexRow,
  target: AcceptTarget,
  acceptId: string,
  now: Date,
  acceptedTogether: string[],
) {
  const token = row.token;
  const source = db
    .select({
      id: sql`${acceptId}`.as("id"),
      invitationToken: invitations.token,
      target: sql`${JSON.stringify(target)}`.as("target"),
      acceptedAt: sql`${now.getTime()}`.as("accepted_at"),
    })
    .from(invitations)
    .where(acceptable(token, now));
  const accepted = sql`EXISTS (SELECT 1 FROM invitation_accepts WHERE id = ${acceptId})`;
  const insert = db
    .insert(invitationAccepts)
    .select(source)
    .returning({ id: invitationAccepts.id, invitationToken: invitationAccepts.invitationToken });
  const event = eventInsertStatement(db, {
    token,
    type: "invitation.accepted",
    webhookType: "invitation.accepted",
    at: now,
    data: { acceptId, target: target.type, isExisting: target.isExisting ?? null },
    dedupeKey: `accepted:${acceptId}`,
    guard: accepted,
  });
  const move = moveInvitation(db, token, "accepted", now, {}, accepted);
  if (row.invitationType !== "single_use") return [insert, event, move];
  const elsewhere = moveStatus(
    db,
    and(
      vortexScope(scope),
      eq(invitations.recipient, row.recipient),
      // Invitations accepted in the same request are accepted, not accepted elsewhere.
      notInList(invitations.token, [token, ...acceptedTogether]),
      eq(invitations.deactivated, false),
      sql`${invitations.invitationType} IS NOT 'autojoin'`,
      sameScopeAs(token),
      accepted,
    ),
    "accepted_elsewhere",
    now,
  );
  return [insert, event, move, elsewhere];
}

/**
 * Accepts the rows in one batch (see acceptStatements, per row). Its value is the rows that a concurrent
 * accept took first (single-use), whose statements wrote nothing; the others are accepted.
 */
export function acceptInvitations(
  db: Database,
  scope: Scope,
  rows: VortexRow[],
  target: AcceptTarget,
  now: Date,
): Plan<string[]> {
  const together = rows.map((row) => row.token);
  const perRow = rows.map((row) => {
    const statements = acceptStatements(db, scope, row, target, crypto.randomUUID(), now, together);
    return plan(statements, (results) => {
      const [inserted, recorded] = results;
      const lost = !Array.isArray(inserted) || inserted.length === 0;
      return { value: lost ? row.token : null, events: recordedFrom([recorded]) };
    });
  });
  const all = inSequence(perRow);
  return {
    statements: all.statements,
    read(results) {
      const { value, events } = all.read(results);
      return { value: value.filter((token): token is string => token !== null), events };
    },
  };
}

/**
 * Open internal invitations that a customer's own invite system reports on: same creator (the inviter's
 * userId), same invitee and same component (widget configuration). Served by the target index.
 */
export async function findPendingInternal(
  db: Database,
  scope: Scope,
  match: { creatorId: string; targetValue: string; componentId: string },
  now: Date,
): Promise<VortexRow[]> {
  return db
    .select()
    .from(invitations)
    .where(
      and(
        vortexScope(scope),
        eq(invitations.recipient, match.targetValue),
        eq(invitations.workflowToken, match.componentId),
        sql`json_extract(${invitations.vortex}, '$.target.type') = 'internal'`,
        sql`json_extract(${invitations.vortex}, '$.inviter.userId') = ${match.creatorId}`,
        isOpenInvitation(now),
      ),
    )
    .limit(100);
}
