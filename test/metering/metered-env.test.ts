import { env } from "cloudflare:workers";
import { afterEach, describe, it } from "vitest";
import { meterEnv } from "../../src/metering/metered-env";
import type { SimulatedLatency } from "../../src/metering/settings";
import { Tally } from "../../src/metering/tally";
import { type HeldQueue, holdQueue } from "../helpers/held-queue";

const PROBE = "CREATE TABLE IF NOT EXISTS metering_probe (id INTEGER PRIMARY KEY, name TEXT)";

/** The bindings metered into a fresh tally; `waits` records every simulated wait asked for, none is slept. */
function metered(latency: SimulatedLatency | null = null, base: Env = env) {
  const tally = new Tally();
  const waits: number[] = [];
  const wait = async (ms: number) => {
    waits.push(ms);
  };
  return { env: meterEnv(base, { tally, latency, wait }), tally, waits };
}

let held: HeldQueue[] = [];
afterEach(() => {
  for (const queue of held) queue.restore();
  held = [];
});

describe("the metered env", () => {
  it("counts each statement alone and each batch as one primary round trip, with D1's own rows", async ({
    expect,
  }) => {
    await env.DB.exec(PROBE);
    const { env: bindings, tally } = metered();
    const insert = await bindings.DB.prepare("INSERT INTO metering_probe (name) VALUES (?), (?)")
      .bind("a", "b")
      .run();
    const [count, update] = await bindings.DB.batch([
      bindings.DB.prepare("SELECT count(*) AS n FROM metering_probe"),
      bindings.DB.prepare("UPDATE metering_probe SET name = 'z' WHERE id = ?").bind(insert.meta.last_row_id),
    ]);
    expect(tally.snapshot().d1).toEqual({
      roundTrips: 2,
      primaryRoundTrips: 2,
      sessionRoundTrips: 0,
      rowsRead: insert.meta.rows_read + (count?.meta.rows_read ?? NaN) + (update?.meta.rows_read ?? NaN),
      rowsWritten: insert.meta.rows_written + (update?.meta.rows_written ?? NaN),
    });
    expect(insert.meta.rows_written).toBeGreaterThanOrEqual(2);
  });

  it("counts a session's reads as session round trips, its writes and a first-primary first read as primary", async ({
    expect,
  }) => {
    await env.DB.exec(PROBE);
    const { env: bindings, tally } = metered();
    const session = bindings.DB.withSession();
    await session.prepare("SELECT count(*) AS n FROM metering_probe").first();
    await session.batch([session.prepare("SELECT 1"), session.prepare("SELECT 2")]);
    expect(tally.snapshot().d1).toMatchObject({ roundTrips: 2, primaryRoundTrips: 0, sessionRoundTrips: 2 });
    await session.prepare("INSERT INTO metering_probe (name) VALUES ('s')").run();
    await session.batch([session.prepare("SELECT 1"), session.prepare("DELETE FROM metering_probe WHERE 0")]);
    expect(tally.snapshot().d1).toMatchObject({ roundTrips: 4, primaryRoundTrips: 2, sessionRoundTrips: 2 });
    const firstPrimary = bindings.DB.withSession("first-primary");
    await firstPrimary.prepare("SELECT 1").raw();
    await firstPrimary.prepare("SELECT 1").all();
    expect(tally.snapshot().d1).toMatchObject({ roundTrips: 6, primaryRoundTrips: 3, sessionRoundTrips: 3 });
    expect(firstPrimary.getBookmark()).toEqual(expect.any(String));
  });

  it("counts one Durable Object request per RPC method call and per fetch on a stub", async ({ expect }) => {
    const { env: bindings, tally } = metered();
    const token = `adi_metering${crypto.randomUUID().slice(0, 8)}`;
    const gate = bindings.SEND_GATE.get(bindings.SEND_GATE.idFromName(token));
    expect(gate.id.toString()).toBe(env.SEND_GATE.idFromName(token).toString());
    await gate.state();
    await bindings.SEND_GATE.getByName(token).state();
    // SendGate has no fetch handler: the request is still made, and refused.
    await expect(gate.fetch("https://send-gate/")).rejects.toThrow();
    expect(tally.snapshot().durableObjectRequests).toEqual({ SEND_GATE: 3 });
  });

  it("counts the messages each queue accepted: send 1, sendBatch its length", async ({ expect }) => {
    held = [holdQueue(env.DELIVERIES), holdQueue(env.WEBHOOKS)];
    const { env: bindings, tally } = metered();
    await bindings.DELIVERIES.send({ probe: 1 });
    await bindings.WEBHOOKS.sendBatch([
      { body: { probe: 2 } },
      { body: { probe: 3 } },
      { body: { probe: 4 } },
    ]);
    // A batch the queue refuses (over 100 messages) was not sent, so it is not counted.
    const tooMany = Array.from({ length: 101 }, (_, i) => ({ body: { probe: i } }));
    await expect(bindings.WEBHOOKS.sendBatch(tooMany)).rejects.toThrow();
    expect(tally.snapshot().queueMessagesSent).toEqual({ DELIVERIES: 1, WEBHOOKS: 3 });
    expect(held.map((queue) => queue.bodies().length)).toEqual([1, 3]);
  });

  it("finds a binding by what it is, so one added later is counted without being listed", async ({
    expect,
  }) => {
    held = [holdQueue(env.WEBHOOKS)];
    const { env: bindings, tally } = metered(null, { ...env, OPENS: env.WEBHOOKS } as Env);
    await Reflect.get(bindings, "OPENS").send({ probe: "open" });
    expect(tally.snapshot().queueMessagesSent).toEqual({ OPENS: 1 });
    // Values that are not bindings are the same values.
    expect(bindings.START_ORIGIN).toBe(env.START_ORIGIN);
    expect(bindings.RESEND_IP_LIMITER).toBe(env.RESEND_IP_LIMITER);
  });

  it("asks for the simulated latency before each round trip: the primary's, or a session read's", async ({
    expect,
  }) => {
    await env.DB.exec(PROBE);
    const { env: bindings, tally, waits } = metered({ primaryMs: 100, replicaMs: 5 });
    await bindings.DB.prepare("SELECT 1").first();
    await bindings.DB.batch([bindings.DB.prepare("SELECT 1"), bindings.DB.prepare("SELECT 2")]);
    const session = bindings.DB.withSession("first-primary");
    await session.prepare("SELECT 1").first();
    await session.prepare("SELECT 1").raw();
    await session.prepare("INSERT INTO metering_probe (name) VALUES ('w')").run();
    expect(waits).toEqual([100, 100, 100, 5, 100]);
    expect(tally.snapshot().d1).toMatchObject({ roundTrips: 5, primaryRoundTrips: 4, sessionRoundTrips: 1 });
  });

  it("asks for no wait without a simulated latency, nor for a latency of 0", async ({ expect }) => {
    const off = metered();
    await off.env.DB.prepare("SELECT 1").first();
    const zero = metered({ primaryMs: 0, replicaMs: 0 });
    await zero.env.DB.prepare("SELECT 1").first();
    await zero.env.DB.withSession().prepare("SELECT 1").first();
    expect([...off.waits, ...zero.waits]).toEqual([]);
    expect(zero.tally.snapshot().d1.roundTrips).toBe(2);
  });
});
