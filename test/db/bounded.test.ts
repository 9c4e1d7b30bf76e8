import { env } from "cloudflare:workers";
import { describe, it } from "vitest";
import { D1_MAX_BOUND_PARAMETERS, inList, jsonRows, notInList } from "../../src/db/bounded";
import { createDb } from "../../src/db/client";
import * as deliveries from "../../src/db/deliveries-repo";
import { runPlan } from "../../src/db/plan";
import { invitations } from "../../src/db/schema";
import * as deactivate from "../../src/db/vortex-deactivate-repo";
import * as vortexInvitations from "../../src/db/vortex-invitations-repo";
import { capturingDb } from "../helpers/query-plans";
import { createVortexInvitation, createVortexTenant, vortex } from "../helpers/vortex";
import { cloneVortexInvitation } from "../helpers/vortex-seed";

const missing = (n: number) => Array.from({ length: n }, (_, i) => `missing-${i}`);

describe("lists bound as one parameter (src/db/bounded.ts)", () => {
  it("binds a list of any length as one parameter, at D1's limit, one past it and far past it", async ({
    expect,
  }) => {
    const t = await createVortexTenant();
    const template = await createVortexInvitation(t.vortexTest, t.widgetId, { type: "internal", value: "b" });
    const tokens = [template, ...(await cloneVortexInvitation(template, 9)).map((c) => c.token)];
    const db = createDb(env.DB);
    for (const length of [0, 1, D1_MAX_BOUND_PARAMETERS, D1_MAX_BOUND_PARAMETERS + 1, 1000]) {
      const list = [...tokens, ...missing(length)];
      const inQuery = db
        .select({ token: invitations.token })
        .from(invitations)
        .where(inList(invitations.token, list));
      expect(inQuery.toSQL().params).toHaveLength(1);
      expect((await inQuery).map((r) => r.token).sort()).toEqual([...tokens].sort());
      const notIn = db
        .select({ token: invitations.token })
        .from(invitations)
        .where(notInList(invitations.token, [...tokens.slice(1), ...missing(length)]));
      expect(notIn.toSQL().params).toHaveLength(1);
      const left = (await notIn).map((r) => r.token);
      expect(left).toContain(template);
      expect(left.filter((token) => tokens.slice(1).includes(token))).toEqual([]);
    }
    // An empty list matches nothing, and excludes nothing.
    expect(await db.select().from(invitations).where(inList(invitations.token, []))).toEqual([]);
  });

  it("reads rows of any number from one JSON parameter, and refuses keys it would have to quote", async ({
    expect,
  }) => {
    const db = createDb(env.DB);
    const values = Array.from({ length: 1000 }, (_, i) => ({ word: `w${i}`, n: i }));
    const rows = jsonRows("row", values);
    const query = db
      .select({ word: rows.field("word").as("word"), n: rows.field("n").as("n") })
      .from(rows.source);
    expect(query.toSQL().params).toHaveLength(1);
    expect(await query).toEqual(values);
    expect(() => jsonRows("row", [{ "a'b": 1 }]).field("a'b")).toThrow();
    expect(() => jsonRows("x; drop", values)).toThrow();
  });

  it("marks more re-enqueued invitations due than one statement could bind (the sweeper's 500 and past it)", async ({
    expect,
  }) => {
    const t = await createVortexTenant();
    const template = await createVortexInvitation(t.vortexTest, t.widgetId, {
      type: "internal",
      value: "due",
    });
    const tokens = (await cloneVortexInvitation(template, 501)).map((c) => c.token);
    const list = JSON.stringify(tokens);
    await env.DB.prepare(
      "UPDATE invitations SET status = 'pending', delivery_due_at = 0 WHERE token IN (SELECT value FROM json_each(?))",
    )
      .bind(list)
      .run();
    const now = new Date();
    await deliveries.markRequeued(createDb(env.DB), tokens, now);
    const due = await env.DB.prepare(
      "SELECT count(*) AS n FROM invitations WHERE delivery_due_at = ? AND token IN (SELECT value FROM json_each(?))",
    )
      .bind(now.getTime(), list)
      .first<{ n: number }>();
    expect(due?.n).toBe(501);
  });

  it("looks up a list's rows through the list column's index, whatever else the statement checks", async ({
    expect,
  }) => {
    const t = await createVortexTenant();
    const id = await createVortexInvitation(t.vortexTest, t.widgetId, { type: "internal", value: "plan" });
    const scope = {
      organizationId: String((await vortex(t.vortexTest, "GET", `/invitations/${id}`)).body.accountId),
      livemode: false,
    };
    const { db, captured } = capturingDb();
    const now = new Date();
    await vortexInvitations.findVortexInvitations(db, scope, [id, "missing"]);
    await runPlan(
      db,
      deactivate.deactivateInvitations(db, scope, { tokens: [id, "missing"] }, now, "revoked"),
    );
    const scopeOfIt = { groupType: "team", groupId: "team-abc123" };
    await runPlan(db, deactivate.deactivateInvitations(db, scope, scopeOfIt, now, "scope_deleted"));
    await deliveries.markRequeued(db, [id, "missing"], now);
    expect(captured.length).toBe(6);
    for (const { query, params } of captured) {
      const plan = await env.DB.prepare(`EXPLAIN QUERY PLAN ${query}`)
        .bind(...params)
        .all<{ detail: string }>();
      const reads = plan.results.map((row) => row.detail).filter((d) => /\binvitations\b/.test(d));
      // Without statistics SQLite would rather read the whole organization through its index.
      expect(reads, `${query}\n${reads.join("\n")}`).toEqual([
        "SEARCH invitations USING INDEX invitations_token_unique (token=?)",
      ]);
    }
  });
});
