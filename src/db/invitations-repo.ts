import { and, desc, eq, inArray, lt, sql } from "drizzle-orm";
import type { InvitationStatus } from "../core/invitation-status";
import type { Scope } from "../core/scope";
import type { Database } from "./client";
import { invitationInsertSource } from "./insert-select";
import { type Dialect, inDialect } from "./invitation-conditions";
import { type Plan, plan } from "./plan";
import { invitations, workflows } from "./schema";
import { eventInsertStatement, recordedFrom } from "./timeline";

export type InvitationRow = typeof invitations.$inferSelect;
export type NewInvitation = Omit<typeof invitations.$inferInsert, "id">;

/** An AutoDoc caller's invitations: its organization and mode, and never the Vortex dialect's. */
const inScope = (scope: Scope) => inDialect(scope, "autodoc");

/**
 * Inserts the invitation only if its workflow is an active workflow of the same organization and mode:
 * one statement (INSERT … SELECT … FROM workflows), so the check and the write are one D1 round trip.
 * Answers null when the workflow does not qualify.
 */
export function insertInvitationForActiveWorkflow(
  db: Database,
  row: NewInvitation,
): Plan<InvitationRow | null> {
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
  return plan([db.insert(invitations).select(selection).returning(), created], (results) => {
    const [inserted, recorded] = results;
    const [invitation] = inserted as InvitationRow[];
    return { value: invitation ?? null, events: invitation ? recordedFrom([recorded]) : [] };
  });
}

/** One of the caller's invitations, in its dialect, by its token. */
export async function findInvitation(
  db: Database,
  scope: Scope,
  dialect: Dialect,
  token: string,
): Promise<InvitationRow | null> {
  return (
    (await db
      .select()
      .from(invitations)
      .where(and(inDialect(scope, dialect), eq(invitations.token, token)))
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

/** An invitation by its token, whoever owns it: for internal consumers, never for API callers. */
export async function findInvitationByToken(db: Database, token: string): Promise<InvitationRow | null> {
  return (await db.select().from(invitations).where(eq(invitations.token, token)).get()) ?? null;
}

/**
 * The test clock's D1 half: a test-mode invitation lives `ms` earlier, as if that much time had passed. Its
 * creation, last send (when it has one) and expiry all move back, so a rewind past its lifetime expires it.
 */
export async function rewindInvitationClock(db: Database, token: string, ms: number): Promise<Date | null> {
  const rows = await db
    .update(invitations)
    .set({
      createdAt: sql`${invitations.createdAt} - ${ms}`,
      sentAt: sql`${invitations.sentAt} - ${ms}`,
      expiresAt: sql`${invitations.expiresAt} - ${ms}`,
    })
    .where(and(eq(invitations.token, token), eq(invitations.livemode, false)))
    .returning({ expiresAt: invitations.expiresAt });
  return rows[0]?.expiresAt ?? null;
}

/**
 * A resend's one way back: `pending` again, `sentAt` cleared, due now, with `invitation.resent` on the
 * timeline, in one batch. The event comes first and both carry the same guard (the dialect's statuses a
 * resend starts from, not revoked, and the attempt count the SendGate reserved against), so a concurrent
 * change (a late `delivered`, another resend) makes both nothing. Its value is the updated row, or null.
 */
export function markPendingAgain(
  db: Database,
  scope: Scope,
  dialect: Dialect,
  token: string,
  resend: { from: readonly InvitationStatus[]; previousAttempts: number; attempt: number },
  now: Date,
): Plan<InvitationRow | null> {
  const guard = and(
    inDialect(scope, dialect),
    eq(invitations.token, token),
    inArray(invitations.status, [...resend.from]),
    eq(invitations.deactivated, false),
    eq(invitations.deliveryAttempts, resend.previousAttempts),
  );
  const resent = eventInsertStatement(db, {
    token,
    type: "invitation.resent",
    webhookType: "invitation.resent",
    at: now,
    data: { attempt: resend.attempt },
    dedupeKey: `resent:${token}:${resend.attempt}`,
    guard,
  });
  const update = db
    .update(invitations)
    .set({ status: "pending", sentAt: null, deliveryDueAt: now, updatedAt: now, errorMessage: null })
    .where(guard)
    .returning();
  return plan([resent, update], (results) => {
    const [recorded, updated] = results;
    const [row] = updated as InvitationRow[];
    return { value: row ?? null, events: row ? recordedFrom([recorded]) : [] };
  });
}
