import { describe, it } from "vitest";
import { VisitBuffer } from "../../src/links/visit-buffer";

describe("VisitBuffer", () => {
  it("asks for a flush on the first visit only, and hands over every count once", ({ expect }) => {
    const buffer = new VisitBuffer();
    expect(buffer.add("abc123", "click")).toBe(true);
    expect(buffer.add("abc123", "click")).toBe(false);
    expect(buffer.add("abc123", "view")).toBe(false);
    expect(buffer.add("xyz789", "view")).toBe(false);
    expect(buffer.take()).toEqual([
      { code: "abc123", views: 1, clicks: 2 },
      { code: "xyz789", views: 1, clicks: 0 },
    ]);
    expect(buffer.take()).toEqual([]);
  });

  it("keeps what a failed flush puts back, added to visits that came meanwhile", ({ expect }) => {
    const buffer = new VisitBuffer();
    buffer.add("abc123", "click");
    const taken = buffer.take();
    expect(buffer.add("abc123", "view")).toBe(true);
    expect(buffer.restore(taken)).toBe(false);
    expect(buffer.take()).toEqual([{ code: "abc123", views: 1, clicks: 1 }]);
    expect(buffer.restore(taken)).toBe(true);
    expect(buffer.restore([])).toBe(false);
  });
});
