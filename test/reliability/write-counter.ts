import { env } from "cloudflare:workers";

/** Test-only: never in the production migrations; made by `installWriteCounter` and dropped by `remove`. */
const COUNTS = "fuzz_write_counts";
const TRIGGER_PREFIX = "fuzz_count_";
const OPERATIONS = ["insert", "update", "delete"] as const;

/** Rows written per `"<table> <insert|update|delete>"`, counted by triggers. */
export type WriteCounts = Record<string, number>;

export interface WriteCounter {
  read(): Promise<WriteCounts>;
  /** Drops the triggers and the counter table: the other test files share this database. */
  remove(): Promise<void>;
}

type RowRef = "NEW" | "OLD";

/**
 * Whether a row belongs to an organization made after the watermark (or to none we know): the fuzzed
 * requests' organizations are all made after it, so rows of older organizations are other test files'
 * tenants, whose background queue work may write while the fuzz runs.
 */
function scopeOf(table: string, columns: Set<string>, watermark: number): ((row: RowRef) => string) | null {
  const older = (orgId: string) =>
    `EXISTS (SELECT 1 FROM organizations o WHERE o.id = ${orgId} AND o.rowid <= ${watermark})`;
  if (table === "organizations") return (row) => `${row}.rowid > ${watermark}`;
  if (columns.has("organization_id")) return (row) => `NOT ${older(`${row}.organization_id`)}`;
  if (columns.has("invitation_token")) {
    return (row) =>
      `NOT EXISTS (SELECT 1 FROM invitations i WHERE i.token = ${row}.invitation_token AND ${older("i.organization_id")})`;
  }
  return null;
}

function triggerSql(table: string, op: (typeof OPERATIONS)[number], scope: ((row: RowRef) => string) | null) {
  const rows: RowRef[] = op === "insert" ? ["NEW"] : op === "delete" ? ["OLD"] : ["NEW", "OLD"];
  // An UPDATE counts when either side of the row is in scope: a row moved into another tenant is a write too.
  const when = scope ? `WHEN ${rows.map(scope).join(" OR ")}` : "";
  return (
    `CREATE TRIGGER "${TRIGGER_PREFIX}${table}_${op}" AFTER ${op.toUpperCase()} ON "${table}" FOR EACH ROW ${when} ` +
    `BEGIN INSERT INTO ${COUNTS} (counter, n) VALUES ('${table} ${op}', 1) ` +
    "ON CONFLICT (counter) DO UPDATE SET n = n + 1; END"
  );
}

async function dropAll(): Promise<void> {
  const { results } = await env.DB.prepare(
    `SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '${TRIGGER_PREFIX}%'`,
  ).all<{ name: string }>();
  await env.DB.batch([
    ...results.map(({ name }) => env.DB.prepare(`DROP TRIGGER IF EXISTS "${name}"`)),
    env.DB.prepare(`DROP TABLE IF EXISTS ${COUNTS}`),
  ]);
}

/**
 * Counts every row inserted, updated or deleted in every table (names and columns from sqlite_master, so a
 * new table is covered), through AFTER triggers that add to one small table: reading it is one cheap query
 * however many rows the tables hold. An UPDATE that changes no row count, or sets a value to itself, is
 * counted too. Writes to rows of organizations that existed at `watermark` (their `rowid`) are not counted.
 *
 * Why not `total_changes()`: in the local D1 every query moves it (by one even for a SELECT), and the
 * background consumers query the same database concurrently, so no baseline can subtract them.
 */
export async function installWriteCounter(watermark: number): Promise<WriteCounter> {
  await dropAll();
  const { results } = await env.DB.prepare(
    "SELECT m.name AS tbl, p.name AS col FROM sqlite_master m, pragma_table_info(m.name) p WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE '_cf_%'",
  ).all<{ tbl: string; col: string }>();
  const tables = new Map<string, Set<string>>();
  for (const { tbl, col } of results) tables.set(tbl, (tables.get(tbl) ?? new Set()).add(col));
  const triggers = [...tables].flatMap(([table, columns]) =>
    OPERATIONS.map((op) => triggerSql(table, op, scopeOf(table, columns, watermark))),
  );
  await env.DB.batch([
    env.DB.prepare(`CREATE TABLE ${COUNTS} (counter TEXT PRIMARY KEY NOT NULL, n INTEGER NOT NULL)`),
    ...triggers.map((sql) => env.DB.prepare(sql)),
  ]);
  const query = env.DB.prepare(`SELECT counter, n FROM ${COUNTS}`);
  return {
    async read() {
      const { results: rows } = await query.all<{ counter: string; n: number }>();
      return Object.fromEntries(rows.map(({ counter, n }) => [counter, n]));
    },
    remove: dropAll,
  };
}
