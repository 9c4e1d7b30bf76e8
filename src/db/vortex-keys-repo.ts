import { and, eq, isNull } from "drizzle-orm";
import type { Principal } from "../env";
import type { Database } from "./client";
import {
  type CredentialPage,
  type CredentialPageRequest,
  type CredentialRecord,
  listCredentialPage,
} from "./credential-pages";
import { principalColumns } from "./organizations-repo";
import { organizations, vortexKeys } from "./schema";

/** The columns an operator may see; the hash and the sealed signing key stay in the table. */
const vortexKeyRecord = {
  id: vortexKeys.kid,
  livemode: vortexKeys.livemode,
  last4: vortexKeys.last4,
  createdAt: vortexKeys.createdAt,
  revokedAt: vortexKeys.revokedAt,
};

export async function insertVortexKey(
  db: Database,
  row: typeof vortexKeys.$inferInsert,
): Promise<CredentialRecord> {
  const [created] = await db.insert(vortexKeys).values(row).returning(vortexKeyRecord);
  if (!created) throw new Error("vortex key insert returned no row");
  return created;
}

/** The active key with this kid, with its organization, in one indexed read. */
export async function findActiveVortexKey(db: Database, kid: string) {
  const row = await db
    .select({
      secretHash: vortexKeys.secretHash,
      principal: principalColumns(vortexKeys.livemode),
    })
    .from(vortexKeys)
    .innerJoin(organizations, eq(organizations.id, vortexKeys.organizationId))
    .where(and(eq(vortexKeys.kid, kid), isNull(vortexKeys.revokedAt)))
    .get();
  return row
    ? { secretHash: row.secretHash, principal: row.principal satisfies Omit<Principal, "credential"> }
    : null;
}

/** Revokes an active key of the organization; null when it has no such active key. */
export async function revokeVortexKey(
  db: Database,
  organizationId: string,
  kid: string,
  now: Date,
): Promise<CredentialRecord | null> {
  const [revoked] = await db
    .update(vortexKeys)
    .set({ revokedAt: now })
    .where(
      and(
        eq(vortexKeys.kid, kid),
        eq(vortexKeys.organizationId, organizationId),
        isNull(vortexKeys.revokedAt),
      ),
    )
    .returning(vortexKeyRecord);
  return revoked ?? null;
}

/** The organization's Vortex keys of both modes, revoked ones included, newest first. */
export function listVortexKeys(
  db: Database,
  organizationId: string,
  page: CredentialPageRequest,
): Promise<CredentialPage | null> {
  return listCredentialPage(
    db,
    {
      table: vortexKeys,
      id: vortexKeys.kid,
      organizationId: vortexKeys.organizationId,
      createdAt: vortexKeys.createdAt,
      record: vortexKeyRecord,
    },
    organizationId,
    page,
  );
}
