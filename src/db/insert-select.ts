import { type Column, getTableColumns, type SQL, sql } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import { invitations } from "./schema";

type ColumnKey<T extends SQLiteTable> = keyof T["_"]["columns"] & string;

/**
 * `SELECT … FROM <guard> WHERE <condition>` for `INSERT INTO <table> … SELECT`: every column of the table
 * in table order (the order drizzle inserts in), each a bound constant from `row` (in its stored form, or
 * the column default) unless `fromSource` takes it from the guard table. The row is then written only if
 * the condition holds, in one statement.
 */
export function insertSource<T extends SQLiteTable>(
  table: T,
  row: Partial<Record<ColumnKey<T>, unknown>>,
  fromSource: Partial<Record<ColumnKey<T>, Column>>,
  guard: SQLiteTable,
  condition: SQL | undefined,
): SQL {
  const columns: Record<string, Column> = getTableColumns(table);
  const values = Object.entries(columns).map(([key, column]) => {
    const source = fromSource[key as ColumnKey<T>];
    if (source) return sql`${source}`;
    const value = row[key as ColumnKey<T>] ?? column.default ?? null;
    return sql`${value === null ? null : column.mapToDriverValue(value)}`;
  });
  return sql`select ${sql.join(values, sql`, `)} from ${guard} where ${condition}`;
}

/** insertSource for the invitations table. */
export function invitationInsertSource(
  row: Partial<Record<ColumnKey<typeof invitations>, unknown>>,
  fromSource: Partial<Record<ColumnKey<typeof invitations>, Column>>,
  guard: SQLiteTable,
  condition: SQL | undefined,
): SQL {
  return insertSource(invitations, row, fromSource, guard, condition);
}
