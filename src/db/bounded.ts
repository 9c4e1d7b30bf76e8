import { type Column, type SQL, sql } from "drizzle-orm";

/**
 * D1 binds at most 100 parameters per statement ("too many SQL variables" past it; d1/platform/limits).
 * drizzle binds one parameter per list item (`inArray`) and per column of each row (`.values(rows)`), so
 * a list a request carries never reaches a statement that way: it goes through this module, which binds a
 * whole list as ONE parameter (JSON text) that SQLite's `json_each` reads back. A statement's parameter
 * count is then fixed by its code, whatever the list length, and one statement stays one statement
 * (no chunking: a write of many rows stays the one `db.batch()` it was).
 */
export const D1_MAX_BOUND_PARAMETERS = 100;

type Item = string | number;

/** The list as one bound parameter, read as rows of `value` by `json_each`. */
const eachOf = (values: readonly Item[]) => sql`json_each(${JSON.stringify(values)})`;

/** `column IN (…values)` for a list of any length, one bound parameter (the index on `column` still serves it). */
export function inList(column: Column, values: readonly Item[]): SQL {
  return sql`${column} in (select value from ${eachOf(values)})`;
}

/** `column NOT IN (…values)` for a list of any length, one bound parameter; an empty list excludes nothing. */
export function notInList(column: Column, values: readonly Item[]): SQL {
  return sql`${column} not in (select value from ${eachOf(values)})`;
}

/**
 * `column = value` as a check on rows found another way (by a list), never as a way to find them. Without
 * statistics SQLite takes an equality on an indexed column for selective, and would rather read all of an
 * organization's rows through its index than look up the list's items one by one; the unary `+` takes the
 * term out of index selection (sqlite.org/optoverview.html, "Disqualifying WHERE clause terms").
 */
export function checkOnly(column: Column, value: string): SQL {
  return sql`+${column} = ${value}`;
}

const KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Rows for an `INSERT … SELECT`, any number of them, as one bound parameter: `source` is the table to
 * select from (or join), `field(key)` one key of the current row. Values must already be in their stored
 * form (text or numbers); constants common to all rows are better bound once in the SELECT.
 */
export function jsonRows<Row extends Record<string, Item | null>>(alias: string, rows: readonly Row[]) {
  if (!KEY.test(alias)) throw new Error(`jsonRows: "${alias}" is not a plain SQL alias`);
  return {
    source: sql`json_each(${JSON.stringify(rows)}) as ${sql.identifier(alias)}`,
    field(key: keyof Row & string): SQL {
      if (!KEY.test(key)) throw new Error(`jsonRows: "${key}" is not a plain JSON key`);
      return sql`json_extract(${sql.identifier(alias)}.value, ${sql.raw(`'$.${key}'`)})`;
    },
  };
}
