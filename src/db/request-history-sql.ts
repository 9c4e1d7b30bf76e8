import type { RequestCredential, RequestRecord, StoredRequestRecord } from "../core/request-history";
import type { HistoryQuery } from "../core/request-history-query";
import { createUnauthenticatedTable, deleteUnauthenticatedBefore } from "./unauthenticated-counts-sql";

/**
 * The SQL of the RequestHistory Durable Object (its own SQLite storage, not D1): one table of entries, one of
 * unauthenticated refusals counted per day. Each function runs synchronously, so a caller that makes several
 * calls without awaiting in between runs them as one transaction.
 */

/** Creates the tables on first use; a no-op afterwards. */
export function createHistoryTables(sql: SqlStorage): void {
  sql.exec(`CREATE TABLE IF NOT EXISTS requests (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    time INTEGER NOT NULL,
    method TEXT NOT NULL,
    path TEXT NOT NULL,
    query TEXT,
    route TEXT,
    status INTEGER NOT NULL,
    duration_ms INTEGER NOT NULL,
    error_code TEXT,
    user_agent TEXT,
    request_id TEXT NOT NULL,
    credential TEXT NOT NULL,
    sdk_name TEXT,
    sdk_version TEXT
  )`);
  sql.exec("CREATE INDEX IF NOT EXISTS requests_by_time ON requests (time, seq)");
  createUnauthenticatedTable(sql);
}

/**
 * Inserts every record in one statement, whatever their number: the batch goes in as one JSON parameter (a
 * statement takes at most 100 bound parameters, 13 columns a record would allow 7).
 */
export function insertRecords(sql: SqlStorage, records: RequestRecord[]): void {
  if (records.length === 0) return;
  sql
    .exec(
      `INSERT INTO requests (time, method, path, query, route, status, duration_ms, error_code, user_agent,
         request_id, credential, sdk_name, sdk_version)
       SELECT value ->> 'time', value ->> 'method', value ->> 'path', value ->> 'query', value ->> 'route',
         value ->> 'status', value ->> 'durationMs', value ->> 'errorCode', value ->> 'userAgent',
         value ->> 'requestId', value -> 'credential', value ->> 'sdkName', value ->> 'sdkVersion'
       FROM json_each(?)`,
      JSON.stringify(records),
    )
    .toArray();
}

/** Deletes the `count` oldest entries; answers how many went. */
export function deleteOldest(sql: SqlStorage, count: number): number {
  if (count <= 0) return 0;
  return sql
    .exec(
      `DELETE FROM requests WHERE seq IN (SELECT seq FROM requests ORDER BY time, seq LIMIT ?) RETURNING seq`,
      count,
    )
    .toArray().length;
}

/** Deletes the entries older than `before`, and the refusal counts of days before `beforeDay`. */
export function deleteOlderThan(sql: SqlStorage, before: number, beforeDay: string): void {
  sql.exec("DELETE FROM requests WHERE time < ?", before).toArray();
  deleteUnauthenticatedBefore(sql, beforeDay);
}

/** The number of entries, counted (the alarm does this; writes keep a running count instead). */
export function countRecords(sql: SqlStorage): number {
  return Number(sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM requests").one().n);
}

/**
 * The time of the oldest thing kept, an entry or the start of a day's refusal count; null when there is none.
 */
export function oldestEntryTime(sql: SqlStorage): number | null {
  const row = sql
    .exec<{ oldest: number | null }>(
      `SELECT MIN(oldest) AS oldest FROM (
         SELECT MIN(time) AS oldest FROM requests
         UNION ALL SELECT MIN(unixepoch(day)) * 1000 FROM unauthenticated
       )`,
    )
    .one();
  return row.oldest === null ? null : Number(row.oldest);
}

type RecordRow = {
  seq: number;
  time: number;
  method: string;
  path: string;
  query: string | null;
  route: string | null;
  status: number;
  duration_ms: number;
  error_code: string | null;
  user_agent: string | null;
  request_id: string;
  credential: string;
  sdk_name: string | null;
  sdk_version: string | null;
};

/**
 * At most `limit + 1` entries, newest first (by time, then arrival), that match the query's filters: one more
 * than the page, so that the caller knows whether another page follows. The time index orders the read; the
 * filters are checked on each entry, at most HISTORY_MAX_ENTRIES of them.
 */
export function selectRecords(sql: SqlStorage, query: HistoryQuery): StoredRequestRecord[] {
  const conditions = ["time >= ?"];
  const bindings: (string | number)[] = [query.since];
  if (query.before) {
    conditions.push("(time < ? OR (time = ? AND seq < ?))");
    bindings.push(query.before.time, query.before.time, query.before.seq);
  }
  if (query.path !== undefined) {
    conditions.push("(path = ? OR route = ?)");
    bindings.push(query.path, query.path);
  }
  if (query.method !== undefined) {
    conditions.push("method = ?");
    bindings.push(query.method);
  }
  if (query.status) {
    conditions.push("status BETWEEN ? AND ?");
    bindings.push(query.status.min, query.status.max);
  }
  const rows = sql
    .exec<RecordRow>(
      `SELECT * FROM requests WHERE ${conditions.join(" AND ")} ORDER BY time DESC, seq DESC LIMIT ?`,
      ...bindings,
      query.limit + 1,
    )
    .toArray();
  return rows.map(recordOf);
}

function recordOf(row: RecordRow): StoredRequestRecord {
  return {
    seq: Number(row.seq),
    time: Number(row.time),
    method: row.method,
    path: row.path,
    query: row.query,
    route: row.route,
    status: Number(row.status),
    durationMs: Number(row.duration_ms),
    errorCode: row.error_code,
    userAgent: row.user_agent,
    requestId: row.request_id,
    credential: JSON.parse(row.credential) as RequestCredential,
    sdkName: row.sdk_name,
    sdkVersion: row.sdk_version,
  };
}
