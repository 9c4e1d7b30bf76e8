import { describe, it } from "vitest";
import { LINKS_PER_FLUSH, VisitBuffer } from "../../src/links/visit-buffer";

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

  it("hands over at most LINKS_PER_FLUSH links a flush, the longest waiting first", ({ expect }) => {
    const buffer = new VisitBuffer();
    for (let i = 0; i <= LINKS_PER_FLUSH; i += 1) buffer.add(`code${i}`, "view");
    const first = buffer.take();
    expect(first).toHaveLength(LINKS_PER_FLUSH);
    expect(first[0]?.code).toBe("code0");
    expect(buffer.size).toBe(1);
    expect(buffer.take()).toEqual([{ code: `code${LINKS_PER_FLUSH}`, views: 1, clicks: 0 }]);
    expect(buffer.size).toBe(0);
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
