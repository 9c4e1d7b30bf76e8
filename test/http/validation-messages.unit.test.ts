import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { fieldError, zodDetails } from "../../src/http/errors";
import { pageLimit } from "../../src/http/openapi";
import { useOurValidationMessages } from "../../src/http/validation-messages";

beforeAll(() => useOurValidationMessages());

/** The sentences a schema's refusal of `input` becomes. */
function sentences(schema: z.ZodType, input: unknown): string[] {
  const parsed = schema.safeParse(input);
  if (parsed.success) throw new Error("expected a refusal");
  return zodDetails(parsed.error).map((detail) => detail.message);
}

describe("validation messages in our words", () => {
  const body = z.strictObject({
    recipient: z.string(),
    name: z.string().trim().min(1).max(5),
    channel: z.enum(["email", "sms"]),
    groups: z.array(z.string()).max(2).optional(),
    url: z.url().optional(),
  });

  it("says a missing field is required, and a wrong type what it must be", () => {
    expect(sentences(body, { name: "a", channel: "email" })).toEqual(["recipient is required."]);
    expect(sentences(body, { recipient: 4, name: "a", channel: "email" })).toEqual([
      "recipient must be a string.",
    ]);
  });

  it("says the bound that was crossed, in characters or items", () => {
    expect(sentences(body, { recipient: "r", name: "", channel: "email" })).toEqual([
      "name must not be empty.",
    ]);
    expect(sentences(body, { recipient: "r", name: "toolong", channel: "email" })).toEqual([
      "name must have at most 5 characters.",
    ]);
    expect(sentences(body, { recipient: "r", name: "a", channel: "email", groups: ["a", "b", "c"] })).toEqual(
      ["groups must have at most 2 items."],
    );
  });

  it("lists an enum's values, names a format, and names each unknown field", () => {
    expect(sentences(body, { recipient: "r", name: "a", channel: "fax" })).toEqual([
      'channel must be one of "email", "sms".',
    ]);
    expect(sentences(body, { recipient: "r", name: "a", channel: "sms", url: "nope" })).toEqual([
      "url must be an absolute URL.",
    ]);
    expect(sentences(body, { recipient: "r", name: "a", channel: "sms", extra: 1, more: 2 })).toEqual([
      "extra is not a field this request takes.",
      "more is not a field this request takes.",
    ]);
  });

  it("gives a page limit its whole range, for a word, a fraction, zero and one past the maximum", () => {
    const query = z.object({ limit: pageLimit(100) });
    for (const limit of ["abc", "2.5", "0", "101"]) {
      expect(sentences(query, { limit }), limit).toEqual(["limit must be an integer from 1 to 100."]);
    }
    expect(query.parse({ limit: "100" }).limit).toBe(100);
    expect(query.parse({}).limit).toBe(20);
  });

  it("keeps a schema's own words, and says a whole-body rule as it is", () => {
    const slug = z.object({ slug: z.string().regex(/^[a-z]+$/, "must be lowercase letters") });
    expect(sentences(slug, { slug: "A" })).toEqual(["slug must be lowercase letters."]);
    expect(fieldError("(body)", "Send `user` or `target`.")).toEqual({
      field: "(body)",
      message: "Send `user` or `target`.",
    });
  });
});
