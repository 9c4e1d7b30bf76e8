import { exports } from "cloudflare:workers";
import { describe, it } from "vitest";
import { API_TAG_NAMES } from "../../src/http/api-document";

type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  description?: string;
};

/**
 * Every place in the document where a schema says less than the shape it stands for: an object with neither
 * properties nor a typed value for its keys, a map of anything, or a value with no type at all (unless its
 * description says it is any JSON value the caller sent, passed through).
 */
function looseSchemas(schema: JsonSchema, where: string, found: string[]): void {
  if (schema.$ref) return;
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  const composed = [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])];
  if (types.length === 0 && composed.length === 0 && !/any JSON value/i.test(schema.description ?? "")) {
    found.push(`${where}: no type`);
  }
  if (types.includes("object")) {
    const extra = schema.additionalProperties;
    const typedMap = typeof extra === "object" && Object.keys(extra).length > 0;
    if (!schema.properties && !typedMap) found.push(`${where}: object without properties`);
  }
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    looseSchemas(property, `${where}.${name}`, found);
  }
  // `additionalProperties: {}` beside properties only says that other keys are tolerated (Vortex bodies).
  const extra = schema.additionalProperties;
  if (typeof extra === "object" && Object.keys(extra).length > 0) looseSchemas(extra, `${where}[key]`, found);
  if (schema.items) looseSchemas(schema.items, `${where}[]`, found);
  // A nullable reference comes out as `allOf: [{$ref}, {type: ["object", "null"]}]`: the second part only
  // widens the first, whose shape is the referenced schema's.
  const refined = schema.allOf?.some((part) => part.$ref) ?? false;
  composed.forEach((part, i) => {
    const typeOnly = Object.keys(part).every((key) => key === "type");
    if (!(refined && typeOnly)) looseSchemas(part, `${where}|${i}`, found);
  });
}

type Doc = {
  info: { description: string };
  tags: { name: string; description: string }[];
  "x-tagGroups": { name: string; tags: string[] }[];
  paths: Record<
    string,
    Record<string, { tags?: string[]; requestBody?: Body; responses?: Record<string, Body> }>
  >;
  components: { schemas: Record<string, JsonSchema> };
};
type Body = { content?: Record<string, { schema: JsonSchema }> };

describe("the OpenAPI document's shapes", () => {
  it("gives every object, in every request, response and component, its fields and their types", async ({
    expect,
  }) => {
    const doc = (await (await exports.default.fetch("https://api.auto-doc.test/openapi.json")).json()) as Doc;
    const found: string[] = [];
    for (const [name, schema] of Object.entries(doc.components.schemas)) {
      looseSchemas(schema, `#/components/schemas/${name}`, found);
    }
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const bodies: [string, Body | undefined][] = [
          ["request", operation.requestBody],
          ...Object.entries(operation.responses ?? {}),
        ];
        for (const [what, body] of bodies) {
          for (const [type, media] of Object.entries(body?.content ?? {})) {
            looseSchemas(media.schema, `${method} ${path} ${what} ${type}`, found);
          }
        }
      }
    }
    expect(found).toEqual([]);
  });

  it("files every operation under one described tag, and every tag under one of the three APIs", async ({
    expect,
  }) => {
    const doc = (await (await exports.default.fetch("https://api.auto-doc.test/openapi.json")).json()) as Doc;
    expect(doc.tags.map((tag) => tag.name)).toEqual(API_TAG_NAMES);
    for (const tag of doc.tags) expect(tag.description.length, tag.name).toBeGreaterThan(10);
    expect(doc["x-tagGroups"].map((group) => group.name)).toEqual([
      "AutoDoc API",
      "Vortex API",
      "Operator API",
    ]);
    expect(doc["x-tagGroups"].flatMap((group) => group.tags).sort()).toEqual([...API_TAG_NAMES].sort());
    for (const api of ["AutoDoc API", "Vortex API", "Operator API"])
      expect(doc.info.description).toContain(api);
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        expect(operation.tags, `${method} ${path}`).toHaveLength(1);
        expect(API_TAG_NAMES, `${method} ${path}`).toContain(operation.tags?.[0]);
      }
    }
    // Each API's routes under its own group.
    const groupOf = (tag: string | undefined) =>
      doc["x-tagGroups"].find((g) => g.tags.includes(tag ?? ""))?.name;
    for (const [path, operations] of Object.entries(doc.paths)) {
      const expected = path.startsWith("/api/v1")
        ? "Vortex API"
        : path.startsWith("/admin")
          ? "Operator API"
          : "AutoDoc API";
      for (const operation of Object.values(operations))
        expect(groupOf(operation.tags?.[0]), path).toBe(expected);
    }
  });

  it("catches a loose schema: the check fails on an object without properties", ({ expect }) => {
    const found: string[] = [];
    looseSchemas({ type: "object", description: "anything" }, "x", found);
    looseSchemas({ type: "object", additionalProperties: {} }, "y", found);
    looseSchemas({ description: "no type" }, "z", found);
    looseSchemas({ type: "object", properties: { a: { type: "string" } } }, "ok", found);
    expect(found).toEqual(["x: object without properties", "y: object without properties", "z: no type"]);
  });
});
