import { MAX_BODY_BYTES } from "../../src/app";
import { MAX_JSON_DEPTH } from "../../src/http/json-depth";
import type { Draft, RequestContext } from "./fuzz-requests";
import { baseValue, type Field, fields, type Json, type JsonSchema, resolve, setAt } from "./json-schema";
import type { Operation } from "./route-table";

/**
 * A request at one of a schema's bounds. Past a bound the answer is known (400, or 413 past the body
 * limit); at a bound it is any answer but a 5xx, which is what finds statements and messages that the
 * platform refuses only when a list is at its longest.
 */
export type BoundaryDraft = Draft & { kind: string; body: string; expectStatus?: number };

/** A string of exactly `length` characters, distinct per `index`, shaped like the field's format. */
function stringAt(schema: JsonSchema, length: number, index: number): string {
  const tag = String(index);
  const emailLike = typeof schema.example === "string" && /^[^@\s]+@[^@\s]+\.[a-z]+$/.test(schema.example);
  if (schema.format === "email" || emailLike) return emailOfLength(length, tag);
  const urlLike = typeof schema.example === "string" && /^https?:\/\//.test(schema.example);
  if (schema.format === "uri" || urlLike) {
    // The fake customer host: an endpoint made at a bound receives its webhooks at the network boundary.
    const prefix = `https://customer.example/${tag}/`;
    return `${prefix}${"u".repeat(Math.max(length - prefix.length, 0))}`;
  }
  return `${tag}${"x".repeat(Math.max(length - tag.length, 0))}`.slice(0, Math.max(length, 1));
}

/** A valid address of exactly `length` characters (from 16): the length goes into 63-character labels. */
function emailOfLength(length: number, tag: string): string {
  const local = `${tag}x`;
  let domain = "";
  const room = length - local.length - 1 - ".com".length;
  while (domain.length < room) {
    const label = "d".repeat(Math.min(63, room - domain.length - (domain ? 1 : 0)));
    domain = domain ? `${domain}.${label}` : label;
    if (label === "") break;
  }
  return `${local}@${domain}.com`;
}

/** Items for an array at `count` entries: the known generator for that field, else the base item varied. */
function itemsAt(
  field: string,
  items: JsonSchema,
  count: number,
  ctx: RequestContext,
  maximal: boolean,
): Json[] {
  const known = ctx.knownItems[field];
  return Array.from({ length: count }, (_, i) => {
    if (known) return known(i);
    return maximal ? maximalValue(items, ctx, field, i) : variedValue(items, ctx, field, i);
  });
}

/** The base value of a field, with its strings made distinct per index (so a list of them does not collapse). */
function variedValue(schema: JsonSchema, ctx: RequestContext, name: string, index: number): Json {
  const s = resolve(schema, ctx.schemas);
  const base = baseValue(s, ctx.schemas, ctx.known, name);
  if (typeof base === "string" && !s.enum && ctx.known[name] === undefined) {
    return stringAt(s, Math.min(Math.max(base.length, 8), s.maxLength ?? 64), index);
  }
  if (base !== null && typeof base === "object" && !Array.isArray(base) && s.properties) {
    const out: Record<string, Json> = { ...base };
    for (const [key, prop] of Object.entries(s.properties)) {
      if (key in out) out[key] = variedValue(prop, ctx, key, index);
    }
    return out;
  }
  return base;
}

/**
 * Every bounded part of a value at its bound at once: strings at maxLength, arrays at maxItems, maps at
 * maxProperties, numbers at their maximum. Fields that must name an existing object keep their known value.
 */
export function maximalValue(schema: JsonSchema, ctx: RequestContext, name = "", index = 0): Json {
  const s = resolve(schema, ctx.schemas);
  if (ctx.known[name] !== undefined && !Array.isArray(ctx.known[name])) return ctx.known[name] ?? null;
  if (s.enum?.[0] !== undefined) return s.enum[0] as Json;
  if (s.properties) {
    const out: Record<string, Json> = {};
    for (const [key, prop] of Object.entries(s.properties)) out[key] = maximalValue(prop, ctx, key, index);
    return out;
  }
  if (s.type === "array" && s.items) return itemsAt(name, s.items, s.maxItems ?? 1, ctx, true);
  if (s.maxProperties !== undefined && s.additionalProperties) {
    return mapAt(s, s.maxProperties, ctx);
  }
  if (s.type === "string") {
    // Unbounded strings (a locale, an id) keep their plausible value: only bounds are pushed here.
    if (s.maxLength === undefined) return baseValue(s, ctx.schemas, ctx.known, name);
    return stringAt(s, s.maxLength, index);
  }
  if (s.type === "integer" || s.type === "number") return s.maximum ?? s.minimum ?? 1;
  return baseValue(s, ctx.schemas, ctx.known, name);
}

/** A map of `count` entries, with keys at the longest the schema allows and values at their bound. */
function mapAt(schema: JsonSchema, count: number, ctx: RequestContext): Json {
  const values = typeof schema.additionalProperties === "object" ? schema.additionalProperties : {};
  const keyLength = schema.propertyNames?.maxLength ?? 40;
  return Object.fromEntries(
    Array.from({ length: count }, (_, i) => [
      `${i}`.padStart(keyLength, "k"),
      maximalValue(values, ctx, "", i),
    ]),
  );
}

/** An array nesting `levels` deep: `[[[]]]` is 3. */
function nested(levels: number): Json {
  let value: Json = [];
  for (let i = 1; i < levels; i += 1) value = [value];
  return value;
}

/** Where a deep value can go: a field that takes any JSON, or else a new key at the top level. */
function deepSpot(all: Field[]): string[] {
  const anyJson = all.find((f) => f.schema.type === undefined && !f.schema.properties && !f.schema.$ref);
  return anyJson?.path ?? ["deep"];
}

/** The deterministic boundary requests of one operation's body; none when it takes no body. */
export function boundaryBodies(op: Operation, ctx: RequestContext): BoundaryDraft[] {
  if (!op.body) return [];
  const base = baseValue(op.body, ctx.schemas, ctx.known);
  const all = fields(op.body, ctx.schemas);
  const text = (value: Json) => JSON.stringify(value);
  const out: BoundaryDraft[] = [{ kind: "all-at-max", body: text(maximalValue(op.body, ctx)) }];
  for (const f of all) {
    const name = f.path.at(-1) ?? "";
    const where = f.path.join(".");
    const s = f.schema;
    if (s.maxLength !== undefined && ctx.known[name] === undefined) {
      out.push({
        kind: `at-max-length ${where}`,
        body: text(setAt(base, f.path, stringAt(s, s.maxLength, 0))),
      });
      out.push({
        kind: `over-max-length ${where}`,
        body: text(setAt(base, f.path, stringAt(s, s.maxLength + 1, 0))),
        expectStatus: 400,
      });
    }
    if (s.type === "array" && s.items && s.maxItems !== undefined) {
      const at = (count: number) => setAt(base, f.path, itemsAt(name, s.items ?? {}, count, ctx, false));
      out.push({ kind: `at-max-items ${where}`, body: text(at(s.maxItems)) });
      out.push({ kind: `over-max-items ${where}`, body: text(at(s.maxItems + 1)), expectStatus: 400 });
    }
    if (s.maxProperties !== undefined && s.additionalProperties) {
      out.push({
        kind: `at-max-properties ${where}`,
        body: text(setAt(base, f.path, mapAt(s, s.maxProperties, ctx))),
      });
      out.push({
        kind: `over-max-properties ${where}`,
        body: text(setAt(base, f.path, mapAt(s, s.maxProperties + 1, ctx))),
        expectStatus: 400,
      });
    }
  }
  const spot = deepSpot(all);
  // The body is the first level, and each key on the way to the spot one more.
  const levelsAt = (depth: number) => depth - spot.length;
  out.push({ kind: "at-max-depth", body: text(setAt(base, spot, nested(levelsAt(MAX_JSON_DEPTH)))) });
  out.push({
    kind: "over-max-depth",
    body: text(setAt(base, spot, nested(levelsAt(MAX_JSON_DEPTH + 1)))),
    expectStatus: 400,
  });
  // JSON allows trailing whitespace: the same body at exactly the byte limit, and one byte past it.
  const baseText = text(base);
  const pad = (bytes: number) => baseText + " ".repeat(bytes - new TextEncoder().encode(baseText).length);
  out.push({ kind: "at-body-limit", body: pad(MAX_BODY_BYTES) });
  out.push({ kind: "over-body-limit", body: pad(MAX_BODY_BYTES + 1), expectStatus: 413 });
  return out;
}
