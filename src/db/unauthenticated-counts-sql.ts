import type { ApiName, UnauthenticatedCount } from "../core/request-history";

/**
 * The SQL of the requests refused before authentication, counted per day, API and status in the operator's
 * RequestHistory object (its own SQLite storage). Synchronous, like the rest of that object's SQL.
 */

/** Creates the counts' table on first use; a no-op afterwards. */
export function createUnauthenticatedTable(sql: SqlStorage): void {
  sql.exec(`CREATE TABLE IF NOT EXISTS unauthenticated (
    day TEXT NOT NULL,
    api TEXT NOT NULL,
    status INTEGER NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (day, api, status)
  )`);
}

/** Deletes the counts of the days before `day` (YYYY-MM-DD, which sorts as it reads). */
export function deleteUnauthenticatedBefore(sql: SqlStorage, day: string): void {
  sql.exec("DELETE FROM unauthenticated WHERE day < ?", day).toArray();
}

/** Adds each count to its day's (one statement per distinct day, API and status). */
export function addUnauthenticated(sql: SqlStorage, counts: UnauthenticatedCount[]): void {
  for (const { day, api, status, count } of counts) {
    sql
      .exec(
        `INSERT INTO unauthenticated (day, api, status, count) VALUES (?, ?, ?, ?)
         ON CONFLICT (day, api, status) DO UPDATE SET count = count + excluded.count`,
        day,
        api,
        status,
        count,
      )
      .toArray();
  }
}

/** The counts of `since` (a day) and after, newest day first. */
export function selectUnauthenticated(sql: SqlStorage, since: string): UnauthenticatedCount[] {
  return sql
    .exec<{ day: string; api: ApiName; status: number; count: number }>(
      "SELECT day, api, status, count FROM unauthenticated WHERE day >= ? ORDER BY day DESC, api, status",
      since,
    )
    .toArray()
    .map((row) => ({ day: row.day, api: row.api, status: Number(row.status), count: Number(row.count) }));
}
