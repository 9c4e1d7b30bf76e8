// Many invitations at once, for the list and the consumer: copies of one the API created, written straight into
// the local D1 with batched INSERT … SELECT statements (seconds, where the API would take minutes).
import { randomBytes } from "node:crypto";
import type { LocalD1 } from "../tools/local-runtime.ts";

const COPY_PER_STATEMENT = 500;
export type ColumnValues = Record<string, string | number | null>;

/**
 * Copies of the API-created invitation `template`, one per entry of `rows`: each takes the template's columns
 * (organization, mode, workflow, channel, status, metadata…) except those its entry names (`token`,
 * `created_at`…, by column name). All entries name the same columns.
 */
export async function copyInvitations(d1: LocalD1, template: string, rows: ColumnValues[]): Promise<void> {
  const own = Object.keys(rows[0] ?? {});
  const columns = (
    await d1.prepare("SELECT name FROM pragma_table_info('invitations')").all<{ name: string }>()
  ).results
    .map((c) => c.name)
    .filter((name) => name !== "id");
  const unknown = own.filter((name) => !columns.includes(name));
  if (unknown.length > 0) throw new Error(`invitations has no column ${unknown.join(", ")}`);
  const select = columns.map((name) =>
    own.includes(name) ? `json_extract(j.value, '$.${name}')` : `t.${name}`,
  );
  const sql = `INSERT INTO invitations (${columns.join(", ")}) SELECT ${select.join(", ")} FROM json_each(?) j JOIN invitations t ON t.token = ?`;
  for (let start = 0; start < rows.length; start += COPY_PER_STATEMENT) {
    const chunk = rows.slice(start, start + COPY_PER_STATEMENT);
    await d1.prepare(sql).bind(JSON.stringify(chunk), template).run();
  }
}

/** A token as the API makes them: `adi_` and 24 base62 characters. */
export function invitationToken(): string {
  return `adi_${base62(24)}`;
}

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

function base62(length: number): string {
  let out = "";
  while (out.length < length) {
    for (const byte of randomBytes(length))
      if (byte < 248 && out.length < length) out += BASE62.charAt(byte % 62);
  }
  return out;
}
