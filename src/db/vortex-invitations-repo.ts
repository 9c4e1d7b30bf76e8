import { and, desc, eq, sql } from "drizzle-orm";
import type { Scope } from "../core/scope";
import { inList, jsonRows } from "./bounded";
import type { Database } from "./client";
import { invitationInsertSource } from "./insert-select";
import { inDialect, isOpenInvitation } from "./invitation-conditions";
import type { InvitationRow, NewInvitation } from "./invitations-repo";
import { type Plan, plan } from "./plan";
import { invitationAccepts, invitationGroups, invitations, widgetConfigurations } from "./schema";
import { eventInsertStatement, recordedFrom } from "./timeline";

export type GroupRow = typeof invitationGroups.$inferSelect;
export type VortexRow = InvitationRow;
export type AcceptRow = typeof invitationAccepts.$inferSelect;

/** The caller's Vortex invitations: its organization and mode, and never the AutoDoc dialect's. */
export const vortexScope = (scope: Scope) => inDialect(scope, "vortex");

/**
 * Creates a Vortex invitation in one batch: the row (only if its widget configuration belongs to the
 * organization, which also supplies `invitationType` unless the row sets it), its groups, and the
 * `created` event. The groups, like the event, are written only if the row was: one statement for all of
 * them, selected from the row just inserted.
 */
export function insertVortexInvitation(
  db: Database,
  row: NewInvitation,
  widgetConfigurationId: string,
  groups: Omit<typeof invitationGroups.$inferInsert, "invitationToken">[],
): Plan<InvitationRow | null> {
  const source = invitationInsertSource(
    row,
    // An autojoin invitation names its own type; the others take the widget configuration's.
    row.invitationType ? {} : { invitationType: widgetConfigurations.invitationType },
    widgetConfigurations,
    and(
      eq(widgetConfigurations.id, widgetConfigurationId),
      eq(widgetConfigurations.organizationId, row.organizationId),
    ),
  );
  const insert = db.insert(invitations).select(source).returning();
  const created = eventInsertStatement(db, {
    token: row.token,
    type: "invitation.created",
    webhookType: "invitation.created",
    at: row.createdAt,
    data: { dialect: "vortex", widgetConfigurationId },
    dedupeKey: `created:${row.token}`,
  });
  const statements = groups.length
    ? [insert, created, groupsInsertStatement(db, row.token, groups)]
    : [insert, created];
  return plan(statements, (results) => {
    const [inserted, recorded] = results;
    const [invitation] = inserted as InvitationRow[];
    return { value: invitation ?? null, events: invitation ? recordedFrom([recorded]) : [] };
  });
}

/** The groups of a new invitation, any number, in one statement that writes them only if the invitation exists. */
function groupsInsertStatement(
  db: Database,
  token: string,
  groups: Omit<typeof invitationGroups.$inferInsert, "invitationToken">[],
) {
  const rows = jsonRows(
    "new_group",
    groups.map((g) => ({
      id: g.id,
      groupType: g.groupType,
      groupId: g.groupId,
      name: g.name,
      createdAt: g.createdAt.getTime(),
    })),
  );
  // Every column, in table order; the organization and mode come from the invitation itself.
  const source = db
    .select({
      id: rows.field("id").as("id"),
      invitationToken: invitations.token,
      organizationId: invitations.organizationId,
      livemode: invitations.livemode,
      groupType: rows.field("groupType").as("group_type"),
      groupId: rows.field("groupId").as("group_id"),
      name: rows.field("name").as("name"),
      createdAt: rows.field("createdAt").as("created_at"),
    })
    .from(invitations)
    .innerJoin(rows.source, sql`1`)
    .where(eq(invitations.token, token));
  return db.insert(invitationGroups).select(source);
}

/**
 * Open invitations for one invitee, newest first: not revoked, not expired, not accepted (served by the
 * target index). Reads at most `limit + 1` rows so the caller can tell whether more exist.
 */
export async function listOpenByTarget(
  db: Database,
  scope: Scope,
  recipient: string,
  now: Date,
  limit: number,
) {
  return db
    .select()
    .from(invitations)
    .where(and(vortexScope(scope), eq(invitations.recipient, recipient), isOpenInvitation(now)))
    .orderBy(desc(invitations.createdAt))
    .limit(limit + 1);
}

/** The reads of some invitations' groups and accepts (any number), to run in a batch. */
export function relationReads(db: Database, tokens: string[]) {
  return [
    db.select().from(invitationGroups).where(inList(invitationGroups.invitationToken, tokens)),
    db.select().from(invitationAccepts).where(inList(invitationAccepts.invitationToken, tokens)),
  ] as const;
}

/** The groups and accepts of some invitations (any number), for rendering them. */
export async function loadRelations(db: Database, tokens: string[]) {
  if (tokens.length === 0) return { groups: [] as GroupRow[], accepts: [] as AcceptRow[] };
  const [groups, accepts] = await db.batch(relationReads(db, tokens));
  return { groups, accepts };
}

/** Several invitations of the caller by id, any number (for accept). */
export async function findVortexInvitations(db: Database, scope: Scope, tokens: string[]) {
  if (tokens.length === 0) return [];
  return db
    .select()
    .from(invitations)
    .where(and(inDialect(scope, "vortex", "check"), inList(invitations.token, tokens)));
}
