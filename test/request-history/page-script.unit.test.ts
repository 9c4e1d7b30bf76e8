import { describe, expect, it } from "vitest";
import { RECENT_REQUESTS_SCRIPT } from "../../src/api-reference/recent-requests-script";

describe("the Recent requests page's script", () => {
  it("is valid JavaScript", () => {
    // Parsed, not run: a syntax error throws here.
    expect(() => new Function(RECENT_REQUESTS_SCRIPT)).not.toThrow();
  });

  it("never puts a value in the page as markup, nor evaluates text", () => {
    for (const sink of [
      "innerHTML",
      "outerHTML",
      "insertAdjacentHTML",
      "document.write",
      "eval(",
      "new Function",
      "setAttribute",
      "srcdoc",
      "createContextualFragment",
    ]) {
      expect(RECENT_REQUESTS_SCRIPT, sink).not.toContain(sink);
    }
    expect(RECENT_REQUESTS_SCRIPT).toContain("textContent");
  });

  it("calls only the request history on this origin, without cookies, and keeps the key out of storage that lasts", () => {
    const fetches = [...RECENT_REQUESTS_SCRIPT.matchAll(/fetch\(/g)];
    expect(fetches).toHaveLength(1);
    expect(RECENT_REQUESTS_SCRIPT).toContain("new URL(API, window.location.origin)");
    expect(RECENT_REQUESTS_SCRIPT).toContain('credentials: "omit"');
    expect(RECENT_REQUESTS_SCRIPT).not.toMatch(/https?:\/\//);
    expect(RECENT_REQUESTS_SCRIPT).not.toContain("localStorage");
    expect(RECENT_REQUESTS_SCRIPT).not.toContain("document.cookie");
    expect(RECENT_REQUESTS_SCRIPT).not.toContain("location.hash");
    expect(RECENT_REQUESTS_SCRIPT).not.toContain("history.pushState");
  });
});
