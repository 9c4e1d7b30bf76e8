/**
 * The core status set, the superset of both APIs. Each dialect renders it in its own words (src/dialects/).
 * Status moves only forward along RANK; the one way back is a resend (sent → pending).
 */
export const INVITATION_STATUSES = [
  "pending",
  "sending",
  "sent",
  "delivered",
  "opened",
  "started",
  "completed",
  "rejected",
  "accepted",
  "accepted_elsewhere",
  "failed",
] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

/**
 * `failed` sits between `delivered` and `opened`: a bounce can fail a message the provider had accepted or
 * even reported delivered (asynchronous bounces), but not one a person opened; and a late `delivered`
 * never revives a failed one.
 */
const RANK: Record<InvitationStatus, number> = {
  pending: 0,
  sending: 1,
  sent: 2,
  delivered: 3,
  failed: 3.5,
  opened: 4,
  started: 5,
  completed: 6,
  rejected: 6,
  accepted: 6,
  accepted_elsewhere: 6,
};

/** The statuses from which `next` is a step forward; SQL updates use this list in their WHERE clause. */
export function statusesBefore(next: InvitationStatus): InvitationStatus[] {
  return INVITATION_STATUSES.filter(
    (s) => RANK[s] < RANK[next] || (s === "failed" && RANK[next] > RANK.failed),
  );
}

/** Statuses after which nobody can accept the invitation again: it was taken, here or elsewhere. */
export const ACCEPTED_STATUSES = ["accepted", "accepted_elsewhere"] as const satisfies InvitationStatus[];

/** The facts of an invitation that say whether it is still open. */
export interface Openness {
  deactivated: boolean;
  expiresAt: Date;
  status: InvitationStatus;
}

/**
 * Why an invitation is no longer open (revoked, expired, accepted), or null while it is: the lifecycle's one
 * answer to "can anyone still act on it". `deactivated` (a revoke, a decline, a scope deleted, an emptied
 * autojoin) closes an invitation whatever its status. SQL has the same rule: isOpenInvitation (db).
 */
export function whyClosed(invitation: Openness, now: Date): "revoked" | "expired" | "accepted" | null {
  if (invitation.deactivated) return "revoked";
  if (isExpired(invitation.expiresAt, now)) return "expired";
  if ((ACCEPTED_STATUSES as readonly string[]).includes(invitation.status)) return "accepted";
  return null;
}

/** Invitation links are valid for 30 days from creation (AutoDoc's invitation reference). */
export const INVITATION_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;

export function isExpired(expiresAt: Date, now: Date): boolean {
  return now.getTime() >= expiresAt.getTime();
}
