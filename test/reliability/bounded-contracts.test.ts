import { describe, it } from "vitest";
import { type JsonSchema, resolve } from "./json-schema";
import { label, loadRouteTable } from "./route-table";

const table = await loadRouteTable();

/**
 * Values left unbounded on purpose, by `<operation> <field path>`, each with its reason. Everything else in a
 * request body has its bound in the contract, so the fuzz suite's boundary cases reach it.
 */
const UNBOUNDED: Record<string, string> = {
  "POST /api/v1/invitations metadata":
    "any JSON, passed through to webhooks as Vortex does; bounded by the 64 KiB body and 20 levels of nesting",
  "POST /api/v1/invitations/autojoin metadata": "as above",
};

/** Where a schema lets a value grow without a bound: a string without maxLength, a list without maxItems… */
function unbounded(schema: JsonSchema, path: string[], schemas: Record<string, JsonSchema>): string[] {
  const s = resolve(schema, schemas);
  const here = path.join(".") || "(body)";
  const out: string[] = [];
  const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  if (types.includes("string") && !s.enum && s.maxLength === undefined) out.push(`${here} (string)`);
  if (types.includes("array")) {
    if (s.maxItems === undefined) out.push(`${here} (array)`);
    if (s.items) out.push(...unbounded(s.items, [...path, "0"], schemas));
  }
  // A loose object's extra keys are tolerated and dropped (never stored): the body's own bounds cover them.
  if (typeof s.additionalProperties === "object" && !s.properties) {
    if (s.maxProperties === undefined) out.push(`${here} (map)`);
    out.push(...unbounded(s.additionalProperties, [...path, "*"], schemas));
  }
  if (types.length === 0 && !s.properties && !s.anyOf && !s.oneOf && !s.enum) out.push(`${here} (any)`);
  for (const [key, prop] of Object.entries(s.properties ?? {}))
    out.push(...unbounded(prop, [...path, key], schemas));
  for (const variant of [...(s.anyOf ?? []), ...(s.oneOf ?? [])])
    out.push(...unbounded(variant, path, schemas));
  return out;
}

describe("every request body in the published contract is bounded", () => {
  const bodies = table.operations.filter((op) => op.body !== null);

  it("finds the request bodies", ({ expect }) => {
    expect(bodies.length).toBeGreaterThanOrEqual(15);
  });

  it.for(bodies.map((op) => [label(op), op] as const))("%s", ([name, op], { expect }) => {
    const found = op.body ? unbounded(op.body, [], table.schemas) : [];
    const unexplained = found.filter((where) => !UNBOUNDED[`${name} ${where.replace(/ \(.*\)$/, "")}`]);
    expect(unexplained).toEqual([]);
  });
});
