import { and, asc, desc, eq, getTableColumns, gt, sql } from "drizzle-orm";
import type { Scope } from "../core/scope";
import { inList, jsonRows, notInList } from "./bounded";
import type { Database } from "./client";
import { autojoinDomains, invitationGroups, invitations } from "./schema";
import type { VortexRow } from "./vortex-invitations-repo";

export type AutojoinDomainRow = typeof autojoinDomains.$inferSelect;

const groupRowsOf = (scope: Scope, groupType: string, groupId: string) =>
  and(
    eq(invitationGroups.organizationId, scope.organizationId),
    eq(invitationGroups.livemode, scope.livemode),
    eq(invitationGroups.groupType, groupType),
    eq(invitationGroups.groupId, groupId),
  );

const inGroup = (scope: Scope, groupType: string, groupId: string) =>
  and(groupRowsOf(scope, groupType, groupId), eq(invitations.dialect, "vortex"));

/** The tokens of the caller's invitations in one scope, as a subquery (served by the scope index). */
export function tokensInGroup(db: Database, scope: Scope, groupType: string, groupId: string) {
  return db
    .select({ token: invitationGroups.invitationToken })
    .from(invitationGroups)
    .where(groupRowsOf(scope, groupType, groupId));
}

/**
 * The active invitations of one scope, newest first, autojoin included (served by the scope index).
 * Reads at most `limit + 1` rows so the caller can tell whether more exist.
 */
export async function listByScope(
  db: Database,
  scope: Scope,
  groupType: string,
  groupId: string,
  limit: number,
): Promise<VortexRow[]> {
  return db
    .select(getTableColumns(invitations))
    .from(invitationGroups)
    .innerJoin(invitations, eq(invitations.token, invitationGroups.invitationToken))
    .where(and(inGroup(scope, groupType, groupId), eq(invitations.deactivated, false)))
    .orderBy(desc(invitations.createdAt))
    .limit(limit + 1);
}

/** The scope's autojoin invitation, active or not, and its domains. */
export async function findAutojoin(db: Database, scope: Scope, groupType: string, groupId: string) {
  const invitation = await db
    .select(getTableColumns(invitations))
    .from(invitationGroups)
    .innerJoin(invitations, eq(invitations.token, invitationGroups.invitationToken))
    .where(and(inGroup(scope, groupType, groupId), eq(invitations.invitationType, "autojoin")))
    .get();
  if (!invitation) return null;
  return { invitation, domains: await domainsOf(db, invitation.token) };
}

function domainsOf(db: Database, token: string) {
  return db
    .select()
    .from(autojoinDomains)
    .where(eq(autojoinDomains.invitationToken, token))
    .orderBy(asc(autojoinDomains.domain));
}

/**
 * Configure autojoin is a sync, in one batch: domains not listed go, new ones come, the invitation is
 * deactivated when the list is empty and active again when it is not; then the domains as they now are.
 * Each step is one statement however many domains there are.
 */
export async function syncAutojoinDomains(
  db: Database,
  scope: Scope,
  token: string,
  domains: string[],
  metadata: unknown,
  now: Date,
): Promise<AutojoinDomainRow[]> {
  const remove = db
    .delete(autojoinDomains)
    .where(and(eq(autojoinDomains.invitationToken, token), notInList(autojoinDomains.domain, domains)));
  const update = db
    .update(invitations)
    .set({
      deactivated: domains.length === 0,
      updatedAt: now,
      ...(metadata === undefined
        ? {}
        : { vortex: sql`json_set(${invitations.vortex}, '$.metadata', json(${JSON.stringify(metadata)}))` }),
    })
    .where(eq(invitations.token, token));
  const insert = domains.length ? [domainsInsertStatement(db, scope, token, domains, now)] : [];
  const results = await db.batch([remove, ...insert, update, domainsOf(db, token)]);
  return results.at(-1) as AutojoinDomainRow[];
}

/** The domains an autojoin invitation does not have yet, any number, in one statement. */
function domainsInsertStatement(db: Database, scope: Scope, token: string, domains: string[], now: Date) {
  const rows = jsonRows(
    "new_domain",
    domains.map((domain) => ({ id: crypto.randomUUID(), domain })),
  );
  // Every column, in table order; `WHERE 1` keeps SQLite from reading the upsert's ON as a join's.
  const source = db
    .select({
      id: rows.field("id").as("id"),
      invitationToken: sql`${token}`.as("invitation_token"),
      organizationId: sql`${scope.organizationId}`.as("organization_id"),
      livemode: sql`${autojoinDomains.livemode.mapToDriverValue(scope.livemode)}`.as("livemode"),
      domain: rows.field("domain").as("domain"),
      createdAt: sql`${now.getTime()}`.as("created_at"),
    })
    .from(rows.source)
    .where(sql`1`);
  return db.insert(autojoinDomains).select(source).onConflictDoNothing();
}

/**
 * Active autojoin invitations open to an e-mail domain, newest first (GET by target includes them for
 * e-mail targets). Reads at most `limit + 1` rows so the caller can tell whether more exist.
 */
export async function listAutojoinForDomain(
  db: Database,
  scope: Scope,
  domain: string,
  now: Date,
  limit: number,
): Promise<VortexRow[]> {
  return db
    .select(getTableColumns(invitations))
    .from(autojoinDomains)
    .innerJoin(invitations, eq(invitations.token, autojoinDomains.invitationToken))
    .where(
      and(
        eq(autojoinDomains.organizationId, scope.organizationId),
        eq(autojoinDomains.livemode, scope.livemode),
        eq(autojoinDomains.domain, domain),
        eq(invitations.deactivated, false),
        gt(invitations.expiresAt, now),
      ),
    )
    .orderBy(desc(invitations.createdAt))
    .limit(limit + 1);
}

/** Which of these autojoin invitations admit an e-mail domain: one indexed read for any number of them. */
export async function autojoinTokensAdmitting(
  db: Database,
  tokens: string[],
  domain: string,
): Promise<Set<string>> {
  const rows = await db
    .select({ token: autojoinDomains.invitationToken })
    .from(autojoinDomains)
    .where(and(inList(autojoinDomains.invitationToken, tokens), eq(autojoinDomains.domain, domain)));
  return new Set(rows.map((row) => row.token));
}
