import { env } from "cloudflare:workers";

export interface Clone {
  token: string;
  shortCode: string;
}

async function columnsOf(table: string): Promise<string[]> {
  const info = await env.DB.prepare(`PRAGMA table_info(${table})`).all<{ name: string }>();
  return info.results.map((column) => column.name);
}

/**
 * Copies an invitation made through the API `count` times, straight in D1 and in one batch of two
 * statements (each binds a handful of parameters, the list travels as one JSON value): the row with a new
 * token, short code and an earlier `created_at` per copy, and its groups. `recipient` re-targets the copies.
 * A copy is due for delivery only at its expiry: no message was ever queued for it.
 * For tests that need more invitations than the API can create quickly; what they test still goes through the API.
 */
export async function cloneVortexInvitation(
  template: string,
  count: number,
  options: { recipient?: string } = {},
): Promise<Clone[]> {
  const clones = Array.from({ length: count }, () => ({
    token: crypto.randomUUID(),
    shortCode: crypto.randomUUID().replaceAll("-", "").slice(0, 12),
  }));
  const columns = (await columnsOf("invitations")).filter((name) => name !== "id");
  const source = columns.map((name) => {
    if (name === "token") return "json_extract(n.value, '$.token')";
    if (name === "short_code") return "json_extract(n.value, '$.shortCode')";
    if (name === "recipient") return "coalesce(?3, t.recipient)";
    if (name === "created_at") return "t.created_at - 1 - n.key";
    // No send stands behind a copy: due now, an e-mail copy would look to the sweeper like a lost enqueue
    // (and be sent, in whichever file sweeps next); due at its expiry, it never is.
    if (name === "delivery_due_at") return "t.expires_at";
    return `t.${name}`;
  });
  const groupColumns = await columnsOf("invitation_groups");
  const groupSource = groupColumns.map((name) => {
    if (name === "id") return "json_extract(n.value, '$.token') || ':' || g.id";
    if (name === "invitation_token") return "json_extract(n.value, '$.token')";
    return `g.${name}`;
  });
  const list = JSON.stringify(clones);
  await env.DB.batch([
    env.DB.prepare(
      `INSERT INTO invitations (${columns.join(", ")}) SELECT ${source.join(", ")} FROM invitations t, json_each(?1) n WHERE t.token = ?2`,
    ).bind(list, template, options.recipient ?? null),
    env.DB.prepare(
      `INSERT INTO invitation_groups (${groupColumns.join(", ")}) SELECT ${groupSource.join(", ")} FROM invitation_groups g, json_each(?1) n WHERE g.invitation_token = ?2`,
    ).bind(list, template),
  ]);
  return clones;
}
