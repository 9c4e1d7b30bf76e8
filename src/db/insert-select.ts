import { type Column, getTableColumns, type SQL, sql } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import { invitations } from "./schema";

type ColumnKey = keyof ReturnType<typeof getTableColumns<typeof invitations>>;

/**
 * `SELECT … FROM <guard> WHERE <condition>` for `INSERT INTO invitations … SELECT`: every column of the
 * table in table order (the order drizzle inserts in), each a bound constant from `row` (in its stored
 * form, or the column default) unless `fromSource` takes it from the guard table. The invitation is then
 * written only if the guard row exists, in one statement.
 */
export function invitationInsertSource(
  row: Partial<Record<ColumnKey, unknown>>,
  fromSource: Partial<Record<ColumnKey, Column>>,
  guard: SQLiteTable,
  condition: SQL | undefined,
): SQL {
  const columns = getTableColumns(invitations);
  const values = (Object.keys(columns) as ColumnKey[]).map((key) => {
    const source = fromSource[key];
    if (source) return sql`${source}`;
    const column = columns[key];
    const value = row[key] ?? column.default ?? null;
    return sql`${value === null ? null : column.mapToDriverValue(value)}`;
  });
  return sql`select ${sql.join(values, sql`, `)} from ${guard} where ${condition}`;
}
