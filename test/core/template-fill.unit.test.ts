import { describe, it } from "vitest";
import { fillTemplate } from "../../src/core/template-fill";

const fill = (template: string, values: Record<string, string | null> = {}, scopeName?: string) =>
  fillTemplate(template, { values, scopeName });

describe("fillTemplate: a placeholder without a value never leaves a blank word", () => {
  it("fills a value, and uses the scope's name for teamName, groupName and scopeName", ({ expect }) => {
    expect(fill("Join {{teamName}} at Acme.", { teamName: "Design" })).toBe("Join Design at Acme.");
    expect(fill("Join {{ teamName }} at Acme.", {}, "Engineering")).toBe("Join Engineering at Acme.");
    expect(fill("{{groupName}} / {{scopeName}}", {}, "Ops")).toBe("Ops / Ops");
    expect(fill("Join {{teamName}}.", { teamName: "Own" }, "Scope")).toBe("Join Own.");
  });

  it("uses the placeholder's own fallback when there is no value", ({ expect }) => {
    expect(fill("Join {{teamName|your team}} at Acme.")).toBe("Join your team at Acme.");
    expect(fill("Join {{teamName| your team }} at Acme.", { teamName: "  " })).toBe(
      "Join your team at Acme.",
    );
    expect(fill("Join {{teamName|your team}}.", { teamName: "Design" })).toBe("Join Design.");
  });

  it("takes out the sentence of a placeholder left without a value, and keeps the others", ({ expect }) => {
    expect(fill("Hello. Join {{teamName}} at Acme. See you soon!")).toBe("Hello. See you soon!");
    expect(fill("Line one {{missing}}\nLine two")).toBe("Line two");
    expect(fill("First.\n\nJoin {{missing}} now.\n\nLast.")).toBe("First.\n\nLast.");
    expect(fill("Open https://acme.example/join. Ask {{missing}}.")).toBe("Open https://acme.example/join.");
  });

  it("answers null when nothing is left, so the caller's default is used", ({ expect }) => {
    expect(fill("{{inviterName}} invited you to {{teamName}}", { inviterName: "John" })).toBeNull();
    expect(fill("{{inviterName}} invited you", { inviterName: "" })).toBeNull();
    expect(fill("   ")).toBeNull();
  });

  it("never expands a value's own placeholders or markers", ({ expect }) => {
    expect(fill("Hi {{name}}.", { name: "{{secret}}" })).toBe("Hi {{secret}}.");
    expect(fill("Hi {{name}}.", { name: "a\uE000b\uE0010\uE002" })).toBe("Hi ab0.");
    expect(fill("x\uE000 {{name}}.", { name: "y" })).toBe("x y.");
  });
});
