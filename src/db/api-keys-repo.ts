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
import { apiKeys, organizations } from "./schema";

/** The columns an operator may see; the hash stays in the table. */
const apiKeyRecord = {
  id: apiKeys.id,
  livemode: apiKeys.livemode,
  last4: apiKeys.last4,
  createdAt: apiKeys.createdAt,
  revokedAt: apiKeys.revokedAt,
};

/** Resolves a key hash to its organization and mode in one indexed read; revoked keys resolve to nothing. */
export async function findActiveKeyByHash(db: Database, secretHash: string): Promise<Principal | null> {
  const row = await db
    .select({ ...principalColumns(apiKeys.livemode), keyId: apiKeys.id, last4: apiKeys.last4 })
    .from(apiKeys)
    .innerJoin(organizations, eq(organizations.id, apiKeys.organizationId))
    .where(and(eq(apiKeys.secretHash, secretHash), isNull(apiKeys.revokedAt)))
    .get();
  if (!row) return null;
  const { keyId, last4, ...principal } = row;
  return { ...principal, credential: { type: "private_key", id: keyId, last4 } };
}

export async function insertApiKey(
  db: Database,
  row: typeof apiKeys.$inferInsert,
): Promise<CredentialRecord<string>> {
  const [created] = await db.insert(apiKeys).values(row).returning(apiKeyRecord);
  if (!created) throw new Error("api key insert returned no row");
  return created;
}

/** Revokes an active key of the organization; null when it has no such active key. */
export async function revokeApiKey(
  db: Database,
  organizationId: string,
  id: string,
  now: Date,
): Promise<CredentialRecord<string> | null> {
  const [revoked] = await db
    .update(apiKeys)
    .set({ revokedAt: now })
    .where(and(eq(apiKeys.id, id), eq(apiKeys.organizationId, organizationId), isNull(apiKeys.revokedAt)))
    .returning(apiKeyRecord);
  return revoked ?? null;
}

/** The organization's keys of both modes, revoked ones included, newest first. */
export function listApiKeys(
  db: Database,
  organizationId: string,
  page: CredentialPageRequest,
): Promise<CredentialPage<CredentialRecord<string>> | null> {
  return listCredentialPage(
    db,
    {
      table: apiKeys,
      id: apiKeys.id,
      organizationId: apiKeys.organizationId,
      createdAt: apiKeys.createdAt,
      record: apiKeyRecord,
    },
    organizationId,
    page,
  );
}
