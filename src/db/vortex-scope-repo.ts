import { and, asc, desc, eq, getTableColumns, gt, notInArray, sql } from "drizzle-orm";
import type { Database } from "./client";
import { autojoinDomains, invitationGroups, invitations } from "./schema";
import type { VortexRow } from "./vortex-invitations-repo";
import type { Scope } from "./workflows-repo";

export type AutojoinDomainRow = typeof autojoinDomains.$inferSelect;

const inGroup = (scope: Scope, groupType: string, groupId: string) =>
  and(
    eq(invitationGroups.organizationId, scope.organizationId),
    eq(invitationGroups.livemode, scope.livemode),
    eq(invitationGroups.groupType, groupType),
    eq(invitationGroups.groupId, groupId),
    eq(invitations.dialect, "vortex"),
  );

/** The active invitations of one scope, newest first, autojoin included (served by the scope index). */
export async function listByScope(
  db: Database,
  scope: Scope,
  groupType: string,
  groupId: string,
): Promise<VortexRow[]> {
  return db
    .select(getTableColumns(invitations))
    .from(invitationGroups)
    .innerJoin(invitations, eq(invitations.token, invitationGroups.invitationToken))
    .where(and(inGroup(scope, groupType, groupId), eq(invitations.deactivated, false)))
    .orderBy(desc(invitations.createdAt))
    .limit(500);
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
    .where(
      and(
        eq(autojoinDomains.invitationToken, token),
        domains.length ? notInArray(autojoinDomains.domain, domains) : undefined,
      ),
    );
  const rows = domains.map((domain) => ({
    id: crypto.randomUUID(),
    invitationToken: token,
    organizationId: scope.organizationId,
    livemode: scope.livemode,
    domain,
    createdAt: now,
  }));
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
  const insert = rows.length ? [db.insert(autojoinDomains).values(rows).onConflictDoNothing()] : [];
  const results = await db.batch([remove, ...insert, update, domainsOf(db, token)]);
  return results.at(-1) as AutojoinDomainRow[];
}

/** Active autojoin invitations open to an e-mail domain (GET by target includes them for e-mail targets). */
export async function listAutojoinForDomain(
  db: Database,
  scope: Scope,
  domain: string,
  now: Date,
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
    .limit(20);
}

/** The domains of several autojoin invitations (to check an accepting user's address). */
export async function autojoinDomainsOf(db: Database, token: string): Promise<string[]> {
  return (await domainsOf(db, token)).map((row) => row.domain);
}
