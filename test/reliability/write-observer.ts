import { env } from "cloudflare:workers";
import { type MockInstance, vi } from "vitest";

/** What a request may have written: a fingerprint of every D1 table, and the messages handed to the queues. */
export type Snapshot = Record<string, string | number>;

export interface WriteObserver {
  snapshot(): Promise<Snapshot>;
  /** Waits until nothing changes any more (background queue consumers finished). */
  settle(): Promise<Snapshot>;
  restore(): void;
}

export function changedKeys(before: Snapshot, after: Snapshot): string[] {
  return Object.keys(after).filter((key) => before[key] !== after[key]);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A table's fingerprint: its row count and, per column, the total of its values (of text: lengths, first characters). */
function tableFingerprint(table: string, columns: { name: string; type: string }[]): string {
  const parts = columns.flatMap(({ name, type }) =>
    type === "INTEGER" || type === "REAL"
      ? [`total("${name}")`]
      : [`total(length("${name}"))`, `total(unicode("${name}"))`],
  );
  return `(SELECT json_array(count(*), ${parts.join(", ")}) FROM "${table}") AS "${table}"`;
}

/**
 * One D1 query fingerprints every table (names and columns from sqlite_master, so new tables are covered):
 * an INSERT or DELETE moves the count, an UPDATE the totals. (D1's `total_changes()` cannot be used: every
 * query moves it.) The queue bindings are observed, not replaced: the spies call through, so the real
 * queues still deliver.
 */
export async function observeWrites(): Promise<WriteObserver> {
  const { results } = await env.DB.prepare(
    "SELECT m.name AS tbl, p.name AS col, p.type AS type FROM sqlite_master m, pragma_table_info(m.name) p WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE '_cf_%' ORDER BY m.name, p.cid",
  ).all<{ tbl: string; col: string; type: string }>();
  const tables = new Map<string, { name: string; type: string }[]>();
  for (const { tbl, col, type } of results)
    tables.set(tbl, [...(tables.get(tbl) ?? []), { name: col, type }]);
  const fingerprints = [...tables].map(([table, columns]) => tableFingerprint(table, columns));
  const query = env.DB.prepare(`SELECT ${fingerprints.join(", ")}`);
  const spies: [string, MockInstance][] = [
    ["deliveries.send", vi.spyOn(env.DELIVERIES, "send")],
    ["deliveries.sendBatch", vi.spyOn(env.DELIVERIES, "sendBatch")],
    ["webhooks.send", vi.spyOn(env.WEBHOOKS, "send")],
    ["webhooks.sendBatch", vi.spyOn(env.WEBHOOKS, "sendBatch")],
  ];
  async function snapshot(): Promise<Snapshot> {
    const row = (await query.first<Snapshot>()) ?? {};
    for (const [name, spy] of spies) row[`queue.${name}`] = spy.mock.calls.length;
    return row;
  }
  return {
    snapshot,
    async settle() {
      let last = await snapshot();
      let quiet = 0;
      for (let i = 0; i < 200 && quiet < 3; i += 1) {
        await sleep(40);
        const next = await snapshot();
        quiet = changedKeys(last, next).length === 0 ? quiet + 1 : 0;
        last = next;
      }
      return last;
    },
    restore() {
      for (const [, spy] of spies) spy.mockRestore();
    },
  };
}
