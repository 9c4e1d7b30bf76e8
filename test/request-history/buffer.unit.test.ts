import { describe, expect, it } from "vitest";
import type { RequestRecord } from "../../src/core/request-history";
import { HistoryBuffer, MAX_BUFFERED_RECORDS } from "../../src/request-history/buffer";

const live = { organizationId: "org_a", livemode: true };
const test = { organizationId: "org_a", livemode: false };

function record(userAgent: string): RequestRecord {
  return {
    time: 0,
    method: "GET",
    path: "/v1/autodoc/workflows",
    query: null,
    route: "/v1/autodoc/workflows",
    status: 200,
    durationMs: 1,
    errorCode: null,
    userAgent,
    requestId: "r",
    credential: { type: "operator" },
    sdkName: null,
    sdkVersion: null,
  };
}

describe("HistoryBuffer", () => {
  it("asks for a flush only when the first thing lands in an empty buffer", () => {
    const buffer = new HistoryBuffer();
    expect(buffer.add(live, record("1"))).toBe(true);
    expect(buffer.add(test, record("2"))).toBe(false);
    expect(buffer.countUnauthenticated("2026-11-22", "autodoc", 401)).toBe(false);
    buffer.take();
    expect(buffer.countUnauthenticated("2026-11-22", "autodoc", 401)).toBe(true);
  });

  it("hands each history one batch, and the unauthenticated counts to the operator's", () => {
    const buffer = new HistoryBuffer();
    buffer.add(live, record("1"));
    buffer.add(test, record("2"));
    buffer.add(live, record("3"));
    buffer.countUnauthenticated("2026-11-22", "autodoc", 401);
    buffer.countUnauthenticated("2026-11-22", "autodoc", 401);
    buffer.countUnauthenticated("2026-11-22", "vortex", 401);
    const { batches, dropped } = buffer.take();
    expect(dropped).toBe(0);
    expect(batches.map((b) => [b.owner, b.records.map((r) => r.userAgent), b.unauthenticated])).toEqual([
      [live, ["1", "3"], []],
      [test, ["2"], []],
      [
        "operator",
        [],
        [
          { day: "2026-11-22", api: "autodoc", status: 401, count: 2 },
          { day: "2026-11-22", api: "vortex", status: 401, count: 1 },
        ],
      ],
    ]);
    expect(buffer.take().batches).toEqual([]);
  });

  it(`holds ${MAX_BUFFERED_RECORDS} records between flushes and drops (and counts) the one past`, () => {
    const buffer = new HistoryBuffer();
    for (let i = 0; i < MAX_BUFFERED_RECORDS; i += 1) buffer.add(live, record(String(i)));
    const atMax = buffer.take();
    expect(atMax.batches[0]?.records).toHaveLength(MAX_BUFFERED_RECORDS);
    expect(atMax.dropped).toBe(0);
    for (let i = 0; i <= MAX_BUFFERED_RECORDS; i += 1) buffer.add(live, record(String(i)));
    const onePast = buffer.take();
    expect(onePast.batches[0]?.records).toHaveLength(MAX_BUFFERED_RECORDS);
    expect(onePast.batches[0]?.records.at(-1)?.userAgent).toBe(String(MAX_BUFFERED_RECORDS - 1));
    expect(onePast.dropped).toBe(1);
  });
});
