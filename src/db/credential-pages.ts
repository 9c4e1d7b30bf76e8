import { and, desc, eq, type SQL, sql } from "drizzle-orm";
import type { AnySQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Database } from "./client";

/** What the operator may see of a credential of either kind (AutoDoc key, Vortex key): never its secret. */
export interface CredentialRecord<Last4 extends string | null = string | null> {
  id: string;
  livemode: boolean;
  /** Null only for Vortex keys made before migration 0006, whose last four characters were never kept. */
  last4: Last4;
  createdAt: Date;
  revokedAt: Date | null;
}

export interface CredentialPageRequest {
  /** The id of the last credential of the previous page: only older ones are listed. */
  startingAfter?: string | undefined;
  limit: number;
}

export interface CredentialPage<R extends CredentialRecord = CredentialRecord> {
  records: R[];
  hasMore: boolean;
}

/** Where a page starts: the (createdAt, id) of the credential it starts after. */
export interface CredentialCursor {
  createdAt: Date;
  id: string;
}

/**
 * Newest first is (createdAt DESC, id DESC): ids break ties between keys made in the same millisecond, so a
 * cursor never skips or repeats one. A row value comparison keeps the range on the (organization, createdAt,
 * id) index.
 */
export function olderThan(createdAt: AnySQLiteColumn, id: AnySQLiteColumn, cursor: CredentialCursor): SQL {
  return sql`(${createdAt}, ${id}) < (${cursor.createdAt.getTime()}, ${cursor.id})`;
}

/** How one table finds a cursor and reads `limit` rows older than it, newest first. */
export interface CredentialPageReader<R extends CredentialRecord> {
  cursor(id: string): Promise<CredentialCursor | undefined>;
  rows(cursor: CredentialCursor | undefined, limit: number): Promise<R[]>;
}

/**
 * One page of credentials; null when `startingAfter` names no credential of the organization. Reads
 * `limit + 1` rows: the extra one only says that more exist.
 */
export async function readCredentialPage<R extends CredentialRecord>(
  reader: CredentialPageReader<R>,
  page: CredentialPageRequest,
): Promise<CredentialPage<R> | null> {
  let cursor: CredentialCursor | undefined;
  if (page.startingAfter !== undefined) {
    cursor = await reader.cursor(page.startingAfter);
    if (!cursor) return null;
  }
  const rows = await reader.rows(cursor, page.limit + 1);
  return { records: rows.slice(0, page.limit), hasMore: rows.length > page.limit };
}

/** Where one kind of credential lives: its table, the columns a page needs, and what the operator may see. */
export interface CredentialTable {
  table: SQLiteTable;
  id: AnySQLiteColumn;
  organizationId: AnySQLiteColumn;
  createdAt: AnySQLiteColumn;
  /** The visible columns, never the hash or a sealed key (see CredentialRecord). */
  record: Record<keyof CredentialRecord, AnySQLiteColumn>;
}

/** One page of one organization's credentials of a kind, both modes, revoked ones included, newest first. */
export function listCredentialPage<R extends CredentialRecord>(
  db: Database,
  kind: CredentialTable,
  organizationId: string,
  page: CredentialPageRequest,
): Promise<CredentialPage<R> | null> {
  const ofOrganization = eq(kind.organizationId, organizationId);
  return readCredentialPage<R>(
    {
      cursor: async (id) => {
        const found = await db
          .select({ createdAt: kind.createdAt, id: kind.id })
          .from(kind.table)
          .where(and(ofOrganization, eq(kind.id, id)))
          .get();
        return found ? { createdAt: found.createdAt as Date, id: String(found.id) } : undefined;
      },
      rows: async (cursor, limit) =>
        // The record's columns are the CredentialRecord fields, so its rows are R.
        (await db
          .select(kind.record)
          .from(kind.table)
          .where(and(ofOrganization, cursor && olderThan(kind.createdAt, kind.id, cursor)))
          .orderBy(desc(kind.createdAt), desc(kind.id))
          .limit(limit)) as R[],
    },
    page,
  );
}
