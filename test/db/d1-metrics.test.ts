import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, it } from "vitest";
import { D1Metrics } from "../../src/db/d1-metrics";
import { parseD1RouteTiming, parseD1ServerTiming } from "../../src/db/d1-server-timing";
import worker from "../../src/index";
import { API, admin, call, createInvitation, createTenant, START } from "../helpers/api";

const CHROME =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";

/**
 * A request to the Worker with D1_METRICS on (the vitest config leaves it unset: off): its status, D1 work
 * and where its round trips went (the primary, or a session's replica).
 */
async function meteredRoutes(url: string, init: RequestInit = {}) {
  const ctx = createExecutionContext();
  const res = await worker.fetch(
    new Request(url, { redirect: "manual", ...init }),
    { ...env, D1_METRICS: "on" },
    ctx,
  );
  await waitOnExecutionContext(ctx);
  const timing = res.headers.get("Server-Timing");
  return { status: res.status, d1: parseD1ServerTiming(timing), route: parseD1RouteTiming(timing) };
}

/** The same request's status and D1 work alone. */
async function metered(url: string, init: RequestInit = {}) {
  const { status, d1 } = await meteredRoutes(url, init);
  return { status, d1 };
}

describe("the metered D1 binding", () => {
  it("sums D1's own meta per round trip and answers raw() exactly as D1 does", async ({ expect }) => {
    await env.DB.exec("CREATE TABLE IF NOT EXISTS metrics_probe (id INTEGER PRIMARY KEY, name TEXT)");
    const metrics = new D1Metrics();
    const db = metrics.wrap(env.DB);
    const insert = await db
      .prepare("INSERT INTO metrics_probe (name) VALUES (?), (?), (?)")
      .bind("a", "b", "c")
      .run();
    const select = "SELECT p.id, p.name, q.name FROM metrics_probe p JOIN metrics_probe q ON q.id = p.id";
    // Duplicate column names: all() would merge them, raw() keeps both.
    expect(await db.prepare(select).raw()).toEqual(await env.DB.prepare(select).raw());
    const direct = await env.DB.prepare(select).all();
    const [a, b] = await db.batch([
      db.prepare("SELECT count(*) AS n FROM metrics_probe"),
      db.prepare("UPDATE metrics_probe SET name = 'z' WHERE id = 1"),
    ]);
    expect(metrics.roundTrips).toBe(3);
    expect(metrics.rowsRead).toBe(
      insert.meta.rows_read + direct.meta.rows_read + (a?.meta.rows_read ?? NaN) + (b?.meta.rows_read ?? NaN),
    );
    expect(metrics.rowsWritten).toBe(insert.meta.rows_written + (b?.meta.rows_written ?? NaN));
    expect(insert.meta.rows_written).toBeGreaterThanOrEqual(3);
    expect(direct.meta.rows_read).toBeGreaterThanOrEqual(3);
  });
});

describe("Server-Timing with D1_METRICS", () => {
  it("is absent when the setting is off", async ({ expect }) => {
    const tenant = await createTenant();
    const res = await call("GET", "/v1/autodoc/invitations/locales", { token: tenant.testKey });
    expect(res.status).toBe(200);
    expect(res.headers.get("Server-Timing")).toBeNull();
  });

  it("counts a new key's lookup, and GET invitation as one indexed read more than the key alone", async ({
    expect,
  }) => {
    const tenant = await createTenant();
    const invitation = await createInvitation(tenant.testKey, {
      workflowToken: tenant.workflowToken,
      channel: "email",
      recipient: "metrics@example.com",
    });
    const fresh = await admin("POST", `/organizations/${tenant.slug}/keys`, { mode: "test" });
    const headers = { Authorization: `Bearer ${String(fresh.body.key)}` };
    const locales = `${API}/v1/autodoc/invitations/locales`;
    // A key never used before has to be looked up.
    expect(await metered(locales, { headers })).toMatchObject({
      status: 200,
      d1: { roundTrips: 1, rowsWritten: 0 },
    });
    // The same key again, as a client's next requests come: whatever a principal cache saves shows here too.
    const authOnly = await metered(locales, { headers });
    const auth = authOnly.d1 ?? { roundTrips: NaN, rowsRead: NaN, rowsWritten: NaN };
    const got = await metered(`${API}/v1/autodoc/invitations/${invitation.token}`, { headers });
    expect(got).toEqual({
      status: 200,
      d1: { roundTrips: auth.roundTrips + 1, rowsRead: auth.rowsRead + 1, rowsWritten: 0 },
    });
    // An error answer is metered too: the read finds nothing.
    const missing = await metered(`${API}/v1/autodoc/invitations/adi_${"0".repeat(24)}`, { headers });
    expect(missing).toEqual({
      status: 404,
      d1: { roundTrips: auth.roundTrips + 1, rowsRead: auth.rowsRead, rowsWritten: 0 },
    });
  });

  it("counts a person's first start-link click as one session read and no primary trip, and a repeat as none", async ({
    expect,
  }) => {
    const tenant = await createTenant();
    const invitation = await createInvitation(tenant.testKey, {
      workflowToken: tenant.workflowToken,
      channel: "email",
      recipient: "metrics-click@example.com",
    });
    const url = invitation.url;
    expect(url.startsWith(START)).toBe(true);
    const first = await meteredRoutes(url, { headers: { "User-Agent": CHROME } });
    // The click reads through a D1 session (a replica may serve it) and writes nothing: its open is
    // written by the link-visits consumer after the response.
    expect(first).toMatchObject({
      status: 302,
      d1: { roundTrips: 1, rowsWritten: 0 },
      route: { primaryRoundTrips: 0, sessionRoundTrips: 1 },
    });
    const repeat = await meteredRoutes(url, { headers: { "User-Agent": CHROME } });
    expect(repeat).toEqual({
      status: 302,
      d1: { roundTrips: 0, rowsRead: 0, rowsWritten: 0 },
      route: { primaryRoundTrips: 0, sessionRoundTrips: 0 },
    });
  });
});
