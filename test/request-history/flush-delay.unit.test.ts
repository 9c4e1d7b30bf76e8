import { describe, it } from "vitest";
import { FLUSH_DELAY_MS, flushDelayMs } from "../../src/request-history/buffer";

describe("the request history's flush window", () => {
  it("is 1 s unless a setting shortens it; a setting never lengthens it or breaks it", ({ expect }) => {
    expect(FLUSH_DELAY_MS).toBe(1_000);
    expect(flushDelayMs(undefined)).toBe(1_000);
    expect(flushDelayMs("")).toBe(1_000);
    expect(flushDelayMs("20")).toBe(20);
    expect(flushDelayMs("0")).toBe(0);
    expect(flushDelayMs("1000")).toBe(1_000);
    expect(flushDelayMs("1001")).toBe(1_000);
    expect(flushDelayMs("-5")).toBe(1_000);
    expect(flushDelayMs("soon")).toBe(1_000);
    expect(flushDelayMs("2.5")).toBe(1_000);
  });
});
