import { and, desc, eq, inArray, isNotNull, lt, sql } from "drizzle-orm";
import type { InvitationStatus } from "../core/invitation-status";
import type { Scope } from "../core/scope";
import type { Database } from "./client";
import { eventInsertStatement, type RecordedEvent, recordedFrom } from "./events-repo";
import { invitationInsertSource } from "./insert-select";
import { invitations, workflows } from "./schema";

export type InvitationRow = typeof invitations.$inferSelect;
export type NewInvitation = Omit<typeof invitations.$inferInsert, "id">;

/** An AutoDoc caller's invitations: its organization and mode, and never the Vortex dialect's. */
const inScope = (scope: Scope) =>
  and(
    eq(invitations.organizationId, scope.organizationId),
    eq(invitations.livemode, scope.livemode),
    eq(invitations.dialect, "autodoc"),
  );

/**
 * Inserts the invitation only if its workflow is an active workflow of the same organization and mode:
 * one statement (INSERT … SELECT … FROM workflows), so the check and the write are one D1 round trip.
 * Answers null when the workflow does not qualify.
 */
export async function insertInvitationForActiveWorkflow(
  db: Database,
  row: NewInvitation,
): Promise<{ invitation: InvitationRow; events: RecordedEvent[] } | null> {
  const selection = invitationInsertSource(
    row,
    {
      organizationId: workflows.organizationId,
      livemode: workflows.livemode,
      workflowToken: workflows.token,
    },
    workflows,
    and(
      eq(workflows.organizationId, row.organizationId),
      eq(workflows.livemode, row.livemode),
      eq(workflows.token, row.workflowToken),
      eq(workflows.archived, false),
    ),
  );
  // The `created` event joins the same batch: it selects the row just inserted, so it exists only if that does.
  const created = eventInsertStatement(db, {
    token: row.token,
    type: "invitation.created",
    webhookType: "invitation.created",
    at: row.createdAt,
    data: { channel: row.channel, workflowToken: row.workflowToken },
    dedupeKey: `created:${row.token}`,
  });
  const [inserted, events] = await db.batch([db.insert(invitations).select(selection).returning(), created]);
  const [invitation] = inserted;
  return invitation ? { invitation, events: recordedFrom([events]) } : null;
}

export async function findInvitation(
  db: Database,
  scope: Scope,
  token: string,
): Promise<InvitationRow | null> {
  return (
    (await db
      .select()
      .from(invitations)
      .where(and(inScope(scope), eq(invitations.token, token)))
      .get()) ?? null
  );
}

export interface ListFilters {
  reference?: string | undefined;
  statuses?: InvitationStatus[] | undefined;
  channel?: "email" | "sms" | undefined;
  /** The internal id of the cursor invitation: only older ones are listed. */
  beforeId?: number | undefined;
  limit: number;
}

/** Newest first; reads at most `limit + 1` rows so the caller can tell whether more exist. */
export async function listInvitations(
  db: Database,
  scope: Scope,
  filters: ListFilters,
): Promise<InvitationRow[]> {
  const conditions = [
    inScope(scope),
    filters.reference === undefined ? undefined : eq(invitations.reference, filters.reference),
    filters.statuses === undefined ? undefined : inArray(invitations.status, filters.statuses),
    filters.channel === undefined ? undefined : eq(invitations.channel, filters.channel),
    filters.beforeId === undefined ? undefined : lt(invitations.id, filters.beforeId),
  ];
  return db
    .select()
    .from(invitations)
    .where(and(...conditions))
    .orderBy(desc(invitations.id))
    .limit(filters.limit + 1);
}

/** The internal id behind a public token, for cursors; null when it is not the caller's. */
export async function findInvitationId(db: Database, scope: Scope, token: string): Promise<number | null> {
  const row = await db
    .select({ id: invitations.id })
    .from(invitations)
    .where(and(inScope(scope), eq(invitations.token, token)))
    .get();
  return row?.id ?? null;
}

/**
 * A resend: `sent` → `pending`, `sentAt` cleared, due now. Guarded by the status and by the attempt the
 * SendGate reserved, so a concurrent change (a late `delivered`, another resend) makes it a no-op.
 */
export async function markResendPending(
  db: Database,
  scope: Scope,
  token: string,
  previousAttempts: number,
  now: Date,
): Promise<InvitationRow | null> {
  const [row] = await db
    .update(invitations)
    .set({ status: "pending", sentAt: null, deliveryDueAt: now, updatedAt: now, errorMessage: null })
    .where(
      and(
        inScope(scope),
        eq(invitations.token, token),
        eq(invitations.status, "sent"),
        eq(invitations.deliveryAttempts, previousAttempts),
      ),
    )
    .returning();
  return row ?? null;
}

/** An invitation by its token, whoever owns it: for internal consumers, never for API callers. */
export async function findInvitationByToken(db: Database, token: string): Promise<InvitationRow | null> {
  return (await db.select().from(invitations).where(eq(invitations.token, token)).get()) ?? null;
}

/** The test clock's D1 half: a sent test-mode invitation's `sentAt` moves `ms` earlier. */
export async function rewindSentAt(db: Database, token: string, ms: number): Promise<boolean> {
  const rows = await db
    .update(invitations)
    .set({ sentAt: sql`${invitations.sentAt} - ${ms}` })
    .where(and(eq(invitations.token, token), eq(invitations.livemode, false), isNotNull(invitations.sentAt)))
    .returning({ token: invitations.token });
  return rows.length > 0;
}
