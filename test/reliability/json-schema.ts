/** The part of JSON Schema (as @hono/zod-openapi writes it for OpenAPI 3.1) that the fuzzer reads. */
export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  example?: unknown;
  default?: unknown;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  maxProperties?: number;
  propertyNames?: JsonSchema;
  additionalProperties?: JsonSchema | boolean;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
}

/** A place in a body that can be mutated: its path from the root and its schema. */
export interface Field {
  path: string[];
  schema: JsonSchema;
  required: boolean;
}

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export function resolve(schema: JsonSchema, schemas: Record<string, JsonSchema>): JsonSchema {
  const name = schema.$ref?.replace("#/components/schemas/", "");
  return name ? resolve(schemas[name] ?? {}, schemas) : schema;
}

function types(schema: JsonSchema): string[] {
  if (Array.isArray(schema.type)) return schema.type;
  if (schema.type) return [schema.type];
  const variants = [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])];
  return variants.flatMap(types);
}

function stringFor(schema: JsonSchema): string {
  if (schema.format === "uri") return "https://example.com/fuzz";
  if (schema.format === "email") return "fuzz@example.com";
  return "x".repeat(Math.max(schema.minLength ?? 1, 1));
}

/**
 * A plausible value from the schema alone: its example, its default, an enum's first value, or the smallest
 * value of its type. Named fields the schema cannot make valid (an id that must exist) come from `known`.
 */
export function baseValue(
  schema: JsonSchema,
  schemas: Record<string, JsonSchema>,
  known: Record<string, Json>,
  name = "",
): Json {
  const s = resolve(schema, schemas);
  const fixture = known[name];
  if (fixture !== undefined) return fixture;
  if (s.example !== undefined) return s.example as Json;
  if (s.default !== undefined) return s.default as Json;
  if (s.enum?.[0] !== undefined) return s.enum[0] as Json;
  const [type] = types(s);
  if (type === "object" || s.properties) {
    const out: Record<string, Json> = {};
    for (const [key, prop] of Object.entries(s.properties ?? {}))
      out[key] = baseValue(prop, schemas, known, key);
    return out;
  }
  if (type === "array") {
    const item = baseValue(s.items ?? {}, schemas, known, name);
    return (s.minItems ?? 0) > 0 ? [item] : [];
  }
  if (type === "string") return stringFor(s);
  if (type === "integer" || type === "number") return s.minimum ?? 1;
  if (type === "boolean") return true;
  return {};
}

/** Every property at any depth (array items as index 0), depth first. */
export function fields(
  schema: JsonSchema,
  schemas: Record<string, JsonSchema>,
  path: string[] = [],
): Field[] {
  const s = resolve(schema, schemas);
  const out: Field[] = [];
  for (const [key, prop] of Object.entries(s.properties ?? {})) {
    const child = resolve(prop, schemas);
    const here = [...path, key];
    out.push({ path: here, schema: child, required: s.required?.includes(key) ?? false });
    out.push(...fields(child, schemas, here));
    if (child.items) out.push(...fields(child.items, schemas, [...here, "0"]));
  }
  return out;
}

const SAMPLES: [string, Json][] = [
  ["integer", 42],
  ["number", -1.5],
  ["boolean", true],
  ["null", null],
  ["string", "not the right type"],
  ["array", [1, "two"]],
  ["object", { nested: { deeper: [] } }],
];

/** Values the field must refuse: other JSON types, and values just outside its own constraints. */
export function invalidValues(schema: JsonSchema): Json[] {
  const accepted = types(schema);
  if (accepted.length === 0) return [];
  const accepts = (t: string) => accepted.includes(t) || (t === "integer" && accepted.includes("number"));
  const out = SAMPLES.filter(([t]) => !accepts(t)).map(([, v]) => v);
  if (schema.enum) out.push("not-one-of-the-enum-values");
  if (schema.maxLength !== undefined) out.push("y".repeat(schema.maxLength + 1));
  if ((schema.minLength ?? 0) > 0) out.push("");
  if (schema.maximum !== undefined) out.push(schema.maximum + 1);
  if (schema.maxItems !== undefined) out.push(new Array<Json>(schema.maxItems + 1).fill(null));
  if (schema.minimum !== undefined) out.push(schema.minimum - 1);
  if (accepted.includes("integer")) out.push(2.5);
  return out;
}

/** A copy of `root` with the value at `path` replaced (or removed when `value` is undefined). */
export function setAt(root: Json, path: string[], value: Json | undefined): Json {
  const [head, ...rest] = path;
  if (head === undefined) return value ?? null;
  if (Array.isArray(root)) {
    const copy = [...root];
    const index = Number(head);
    if (rest.length === 0 && value === undefined) copy.splice(index, 1);
    else copy[index] = setAt(copy[index] ?? {}, rest, value);
    return copy;
  }
  const copy: Record<string, Json> = typeof root === "object" && root !== null ? { ...root } : {};
  if (rest.length === 0 && value === undefined) delete copy[head];
  else copy[head] = setAt(copy[head] ?? {}, rest, value);
  return copy;
}
