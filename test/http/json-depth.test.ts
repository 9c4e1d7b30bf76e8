import { describe, it } from "vitest";
import { jsonNestingDepth, MAX_JSON_DEPTH } from "../../src/http/json-depth";
import { call } from "../helpers/api";
import { createBody, createVortexTenant, vortex } from "../helpers/vortex";

const nested = (levels: number): unknown => JSON.parse(`${"[".repeat(levels)}${"]".repeat(levels)}`);

describe("jsonNestingDepth", () => {
  it.for([
    ["1", 0],
    ['"[[["', 0],
    ["{}", 1],
    ['{"a":{"b":[1,{"c":"]]]"}]}}', 4],
    ['["\\"[", ["\\\\"], [[]]]', 3],
    ["[".repeat(5000), 5000],
    ["{]}", 1],
  ] as const)("%s nests %i", ([text, depth], { expect }) => {
    expect(jsonNestingDepth(text)).toBe(depth);
  });
});

describe(`request bodies nest at most ${MAX_JSON_DEPTH} levels`, () => {
  it("Vortex metadata (any JSON) at the bound is stored; one level more is a 400 in Vortex's shape", async ({
    expect,
  }) => {
    const t = await createVortexTenant();
    const body = (levels: number) =>
      createBody(t.widgetId, { type: "email", value: "a@example.com" }, { metadata: nested(levels) });
    // The body itself is the first level.
    const atBound = await vortex(t.vortexTest, "POST", "/invitations", body(MAX_JSON_DEPTH - 1));
    expect(atBound.status).toBe(201);
    const got = await vortex(t.vortexTest, "GET", `/invitations/${String(atBound.body.id)}`);
    expect(got.body.metadata).toEqual(nested(MAX_JSON_DEPTH - 1));
    for (const levels of [MAX_JSON_DEPTH, 1_000, 30_000]) {
      const refused = await vortex(t.vortexTest, "POST", "/invitations", body(levels));
      expect(refused.status).toBe(400);
      expect(refused.body).toEqual({ error: expect.stringContaining("at most 20 levels deep") });
    }
  });

  it("AutoDoc and the operator API answer a too-deep body with validation_error, before any schema", async ({
    expect,
  }) => {
    const t = await createVortexTenant();
    const deep = `{"metadata":${"[".repeat(MAX_JSON_DEPTH)}${"]".repeat(MAX_JSON_DEPTH)}}`;
    const autodoc = await call("POST", "/v1/autodoc/invitations", { token: t.testKey, rawBody: deep });
    expect(autodoc.status).toBe(400);
    expect(autodoc.body).toMatchObject({
      error: { code: "validation_error", details: [{ field: "(body)" }] },
    });
    expect(JSON.stringify(autodoc.body)).toContain("nests 21");
    const operator = await call("PATCH", `/admin/organizations/${t.slug}`, {
      token: "test-admin-token",
      rawBody: deep,
    });
    expect(operator.status).toBe(400);
    expect(operator.body).toMatchObject({ error: { code: "validation_error" } });
  });
});
