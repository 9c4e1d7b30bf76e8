import {
  createExecutionContext,
  runDurableObjectAlarm,
  runInDurableObject,
  waitOnExecutionContext,
} from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, it } from "vitest";
import { createApp } from "../../src/app";
import { HISTORY_MAX_AGE_MS, type RequestRecord } from "../../src/core/request-history";
import { requestHistory } from "../../src/durable-objects/request-history";
import { API, call, createTenant } from "../helpers/api";
import { storedRecords, uniqueUserAgent } from "../helpers/request-history";

const CAP = 3;
const DAY = 24 * 60 * 60 * 1000;

/**
 * Requests through an app of their own whose recorder writes with a cap of CAP (the test setting), answered
 * and flushed: the execution context is waited on, so the batch is in the object when this returns.
 */
async function requestsCapped(token: string, userAgents: string[]): Promise<void> {
  const app = createApp();
  const capped = { ...env, REQUEST_HISTORY_MAX_ENTRIES: String(CAP) };
  const ctx = createExecutionContext();
  for (const userAgent of userAgents) {
    const request = new Request(`${API}/v1/autodoc/workflows`, {
      headers: { Authorization: `Bearer ${token}`, "User-Agent": userAgent },
    });
    const res = await app.fetch(request, capped, ctx);
    if (res.status !== 200) throw new Error(`workflows: ${res.status}`);
  }
  await waitOnExecutionContext(ctx);
}

function record(time: number, userAgent: string): RequestRecord {
  return {
    time,
    method: "GET",
    path: "/v1/autodoc/workflows",
    query: null,
    route: "/v1/autodoc/workflows",
    status: 200,
    durationMs: 1,
    errorCode: null,
    userAgent,
    requestId: crypto.randomUUID(),
    credential: { type: "jwt", subject: null },
    sdkName: null,
    sdkVersion: null,
  };
}

describe("the request history is a ring buffer", () => {
  it(`keeps ${CAP} entries at a cap of ${CAP}; one past it, the oldest goes and the newest remain`, async ({
    expect,
  }) => {
    const tenant = await createTenant();
    const owner = { organizationId: tenant.organizationId, livemode: true };
    const agents = Array.from({ length: CAP + 2 }, (_, i) => uniqueUserAgent(`cap-${i}`));
    await requestsCapped(tenant.liveKey, agents.slice(0, CAP));
    const atCap = await storedRecords(owner);
    expect(atCap.map((r) => r.userAgent)).toEqual(agents.slice(0, CAP).reverse());
    await requestsCapped(tenant.liveKey, agents.slice(CAP, CAP + 1));
    const onePast = await storedRecords(owner);
    expect(onePast.map((r) => r.userAgent)).toEqual(agents.slice(1, CAP + 1).reverse());
    // Two more in one batch: the two oldest go in the same write.
    const last = uniqueUserAgent("cap-last");
    await requestsCapped(tenant.liveKey, [agents[CAP + 1] ?? "", last]);
    expect((await storedRecords(owner)).map((r) => r.userAgent)).toEqual([
      last,
      agents[CAP + 1],
      agents[CAP],
    ]);
  });

  it("forgets entries older than 30 days: never read back, and deleted by the alarm", async ({ expect }) => {
    const tenant = await createTenant();
    const owner = { organizationId: tenant.organizationId, livemode: false };
    const stub = requestHistory(env, owner);
    const now = Date.now();
    const old = uniqueUserAgent("old");
    const kept = uniqueUserAgent("kept");
    await stub.record({
      records: [record(now - HISTORY_MAX_AGE_MS - 1_000, old), record(now - 29 * DAY, kept)],
      unauthenticated: [],
    });
    const page = await call("GET", "/v1/autodoc/requests?path=/v1/autodoc/workflows", {
      token: tenant.testKey,
    });
    expect((page.body.data as { userAgent: string }[]).map((entry) => entry.userAgent)).toEqual([kept]);
    // Still stored until the alarm runs, which the write set.
    expect((await storedRecords(owner)).map((r) => r.userAgent)).toContain(old);
    expect(await runInDurableObject(stub, (_, state) => state.storage.getAlarm())).not.toBeNull();
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect((await storedRecords(owner)).map((r) => r.userAgent)).toEqual([kept]);
    // The next alarm is when the one left turns 30 days old.
    const next = await runInDurableObject(stub, (_, state) => state.storage.getAlarm());
    expect(next).toBeGreaterThanOrEqual(now + DAY - 1_000);
  });
});

describe("reading a history", () => {
  it("pages newest first with startingAfter, and filters by method, status and path or route", async ({
    expect,
  }) => {
    const tenant = await createTenant();
    const owner = { organizationId: tenant.organizationId, livemode: true };
    const now = Date.now();
    const records = [
      {
        ...record(now - 5_000, "a"),
        status: 201,
        method: "POST",
        path: "/v1/autodoc/invitations",
        route: "/v1/autodoc/invitations",
      },
      {
        ...record(now - 4_000, "b"),
        status: 404,
        errorCode: "not_found",
        path: "/v1/autodoc/invitations/adi_x",
        route: "/v1/autodoc/invitations/{token}",
      },
      {
        ...record(now - 3_000, "c"),
        status: 400,
        errorCode: "validation_error",
        method: "POST",
        path: "/v1/autodoc/invitations",
        route: "/v1/autodoc/invitations",
      },
      {
        ...record(now - 2_000, "d"),
        status: 200,
        path: "/v1/autodoc/invitations/adi_y",
        route: "/v1/autodoc/invitations/{token}",
      },
      // Two at the same millisecond: arrival order breaks the tie.
      { ...record(now - 1_000, "e"), status: 200 },
      { ...record(now - 1_000, "f"), status: 200 },
    ];
    await requestHistory(env, owner).record({ records, unauthenticated: [] });
    const read = async (query: string) => {
      const res = await call("GET", `/v1/autodoc/requests?${query}`, { token: tenant.liveKey });
      expect(res.status, query).toBe(200);
      const body = res.body as { data: { id: string; userAgent: string }[]; hasMore: boolean };
      return {
        agents: body.data.map((entry) => entry.userAgent),
        ids: body.data.map((e) => e.id),
        hasMore: body.hasMore,
      };
    };
    // The reads themselves are recorded too (as GET /v1/autodoc/requests); a path filter leaves them out.
    const first = await read("limit=2&path=/v1/autodoc/workflows");
    expect(first).toMatchObject({ agents: ["f", "e"], hasMore: false });
    const all = "path=/v1/autodoc/invitations";
    const page1 = await read(`limit=1&${all}`);
    expect(page1).toMatchObject({ agents: ["c"], hasMore: true });
    const page2 = await read(`limit=1&${all}&startingAfter=${page1.ids[0]}`);
    expect(page2).toMatchObject({ agents: ["a"], hasMore: false });
    expect((await read("path=/v1/autodoc/invitations/{token}")).agents).toEqual(["d", "b"]);
    expect((await read("path=/v1/autodoc/invitations/adi_x")).agents).toEqual(["b"]);
    expect((await read("status=4xx&path=/v1/autodoc/invitations/{token}")).agents).toEqual(["b"]);
    expect((await read("status=400")).agents).toEqual(["c"]);
    expect((await read("method=POST")).agents).toEqual(["c", "a"]);
    expect((await read("status=4xx&method=POST")).agents).toEqual(["c"]);
  });

  it("takes limit from 1 to 100 and refuses a bad filter or cursor in its own words", async ({ expect }) => {
    const tenant = await createTenant();
    const token = tenant.liveKey;
    expect((await call("GET", "/v1/autodoc/requests?limit=100", { token })).status).toBe(200);
    for (const [query, field] of [
      ["limit=101", "limit"],
      ["limit=0", "limit"],
      ["status=4x", "status"],
      ["status=600", "status"],
      ["method=FETCH", "method"],
      ["startingAfter=adi_7Hq2LxW9pRt4Vb8Nc3Mz5Ks1", "startingAfter"],
      [`path=${"a".repeat(513)}`, "path"],
    ] as const) {
      const res = await call("GET", `/v1/autodoc/requests?${query}`, { token });
      expect(res.status, query).toBe(400);
      expect(res.body, query).toMatchObject({ error: { code: "validation_error", details: [{ field }] } });
    }
    expect((await call("GET", `/v1/autodoc/requests?path=/${"a".repeat(511)}`, { token })).status).toBe(200);
  });
});
