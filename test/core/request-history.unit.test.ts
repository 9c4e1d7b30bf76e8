import { describe, expect, it } from "vitest";
import {
  entriesPastCap,
  HISTORY_MAX_AGE_MS,
  HISTORY_MAX_ENTRIES,
  HISTORY_PRUNE_INTERVAL_MS,
  historyCap,
  historyName,
  nextPruneAt,
  oldestKeptTime,
  utcDay,
} from "../../src/core/request-history";
import { parseRequestEntryId, parseStatusFilter, requestEntryId } from "../../src/core/request-history-query";

const DAY = 24 * 60 * 60 * 1000;

describe("the request history's retention", () => {
  it("keeps the last 10,000 entries or 30 days, whichever is fewer", () => {
    expect(HISTORY_MAX_ENTRIES).toBe(10_000);
    expect(HISTORY_MAX_AGE_MS).toBe(30 * DAY);
  });

  it("lets a setting lower the cap, never raise it, and ignores one that is not a count", () => {
    expect(historyCap(undefined)).toBe(HISTORY_MAX_ENTRIES);
    expect(historyCap(3)).toBe(3);
    expect(historyCap(HISTORY_MAX_ENTRIES)).toBe(HISTORY_MAX_ENTRIES);
    expect(historyCap(HISTORY_MAX_ENTRIES + 1)).toBe(HISTORY_MAX_ENTRIES);
    for (const odd of [0, -1, 2.5, Number.NaN])
      expect(historyCap(odd), String(odd)).toBe(HISTORY_MAX_ENTRIES);
  });

  it("deletes nothing at the cap and the excess past it", () => {
    expect(entriesPastCap(HISTORY_MAX_ENTRIES, HISTORY_MAX_ENTRIES)).toBe(0);
    expect(entriesPastCap(HISTORY_MAX_ENTRIES + 1, HISTORY_MAX_ENTRIES)).toBe(1);
    expect(entriesPastCap(HISTORY_MAX_ENTRIES + 250, HISTORY_MAX_ENTRIES)).toBe(250);
    expect(entriesPastCap(5, HISTORY_MAX_ENTRIES)).toBe(0);
  });

  it("reads back nothing older than 30 days", () => {
    const now = Date.UTC(2026, 10, 22);
    expect(oldestKeptTime(now)).toBe(now - 30 * DAY);
  });

  it("prunes when the oldest entry turns 30 days old, at most hourly, and not at all when empty", () => {
    const now = Date.UTC(2026, 10, 22);
    expect(nextPruneAt(null, now)).toBeNull();
    expect(nextPruneAt(now - 10 * DAY, now)).toBe(now + 20 * DAY);
    // Already too old (a busy history): the next hour, not a loop of alarms.
    expect(nextPruneAt(now - 40 * DAY, now)).toBe(now + HISTORY_PRUNE_INTERVAL_MS);
  });

  it("names one object per organization and mode, and one for the operator", () => {
    expect(historyName({ organizationId: "org_1", livemode: true })).toBe("org:org_1:live");
    expect(historyName({ organizationId: "org_1", livemode: false })).toBe("org:org_1:test");
    expect(historyName("operator")).toBe("operator");
  });

  it("counts refusals by UTC day", () => {
    expect(utcDay(Date.UTC(2026, 10, 22, 23, 59, 59))).toBe("2026-11-22");
  });
});

describe("entry ids, which are the page cursor", () => {
  it("round-trip time and arrival order", () => {
    const position = { time: Date.UTC(2026, 10, 22, 10), seq: 12_345 };
    const id = requestEntryId(position);
    expect(id).toMatch(/^req_[0-9a-z]+_[0-9a-z]+$/);
    expect(parseRequestEntryId(id)).toEqual(position);
  });

  it("refuse anything else", () => {
    for (const bad of ["", "req_", "req_abc", "req_ABC_1", "adi_x_1", "req_1_2_3", "req_zzzzzzzzzzzz_1"]) {
      expect(parseRequestEntryId(bad), bad).toBeNull();
    }
  });
});

describe("the status filter", () => {
  it("takes one status or a class", () => {
    expect(parseStatusFilter("404")).toEqual({ min: 404, max: 404 });
    expect(parseStatusFilter("4xx")).toEqual({ min: 400, max: 499 });
    expect(parseStatusFilter("2xx")).toEqual({ min: 200, max: 299 });
  });

  it("refuses what is neither", () => {
    for (const bad of ["", "4", "40", "4040", "6xx", "0xx", "4XX", "x04", " 404"]) {
      expect(parseStatusFilter(bad), bad).toBeNull();
    }
  });
});
