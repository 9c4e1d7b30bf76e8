import { describe, it } from "vitest";
import { LinkVisitMessageSchema, shortLinkVisit, startLinkVisit } from "../../src/links/visit-message";

const person = { by: "person" } as const;
const at = new Date("2026-11-30T10:00:00Z");

describe("a link-visits message", () => {
  it("carries references only, and reads back as it was sent", ({ expect }) => {
    const start = startLinkVisit(`adi_${"a".repeat(24)}`, "wf_onboarding", person, at);
    expect(Object.keys(start).sort()).toEqual([
      "at",
      "click",
      "link",
      "token",
      "v",
      "visitId",
      "workflowToken",
    ]);
    expect(LinkVisitMessageSchema.parse(start)).toEqual(start);
    const short = shortLinkVisit("abcDEF123456", { by: "automated", reason: "head" }, at);
    expect(LinkVisitMessageSchema.parse(short)).toEqual(short);
    expect(short.visitId).not.toBe(shortLinkVisit("abcDEF123456", person, at).visitId);
  });

  it("takes a code of 32 characters (the link's longest) and refuses 33", ({ expect }) => {
    expect(LinkVisitMessageSchema.safeParse(shortLinkVisit("a".repeat(32), person, at)).success).toBe(true);
    expect(LinkVisitMessageSchema.safeParse(shortLinkVisit("a".repeat(33), person, at)).success).toBe(false);
  });

  it("takes tokens of 64 characters (the workflow token's longest) and refuses 65", ({ expect }) => {
    const ok = startLinkVisit("t".repeat(64), "w".repeat(64), person, at);
    expect(LinkVisitMessageSchema.safeParse(ok).success).toBe(true);
    expect(LinkVisitMessageSchema.safeParse({ ...ok, token: "t".repeat(65) }).success).toBe(false);
    expect(LinkVisitMessageSchema.safeParse({ ...ok, workflowToken: "w".repeat(65) }).success).toBe(false);
  });

  it("refuses an unknown reason, an automated click without one, and another version", ({ expect }) => {
    const ok = shortLinkVisit("abcDEF123456", person, at);
    expect(
      LinkVisitMessageSchema.safeParse({ ...ok, click: { by: "automated", reason: "tired" } }).success,
    ).toBe(false);
    expect(LinkVisitMessageSchema.safeParse({ ...ok, click: { by: "automated" } }).success).toBe(false);
    expect(LinkVisitMessageSchema.safeParse({ ...ok, v: 2 }).success).toBe(false);
  });
});
