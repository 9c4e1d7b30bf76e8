import fc from "fast-check";
import type { RequestContext, Weighted } from "./fuzz-requests";
import { baseValue, type Field, fields, invalidValues, type Json, setAt } from "./json-schema";
import type { Operation } from "./route-table";

const CONTENT_TYPES = [
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=fuzz",
  "application/xml",
  "application/json; charset=utf-16",
  "application/merge-patch+json",
  "APPLICATION/JSON",
  "",
];

/**
 * Bodies derived from the route's request schema: the plausible base body, then the base with one thing
 * wrong (a field of another type or out of bounds, a required field missing, a string made huge or odd
 * unicode, an unknown field, the JSON text cut short, a content type that is not JSON).
 */
export function bodyKinds(op: Operation, ctx: RequestContext): Weighted[] {
  if (!op.body) return [];
  const base = baseValue(op.body, ctx.schemas, ctx.known);
  const all = fields(op.body, ctx.schemas);
  const withInvalid = all.filter((f) => invalidValues(f.schema).length > 0);
  const required = all.filter((f) => f.required);
  const strings = all.filter((f) => f.schema.type === "string" || f.schema.type?.includes("string"));
  const json = (value: Json) => ({ body: JSON.stringify(value) });
  const pick = (list: Field[]) => fc.constantFrom(...list);
  const kinds: Weighted[] = [];
  if (withInvalid.length > 0) {
    const wrong = pick(withInvalid).chain((f) =>
      fc
        .constantFrom(...invalidValues(f.schema))
        .map((v) => ({ kind: "wrong-type", ...json(setAt(base, f.path, v)) })),
    );
    kinds.push({ arbitrary: wrong, weight: 4 });
  }
  if (required.length > 0) {
    const missing = pick(required).map((f) => ({
      kind: "missing-field",
      ...json(setAt(base, f.path, undefined)),
    }));
    kinds.push({ arbitrary: missing, weight: 1 });
  }
  if (strings.length > 0) {
    const unicode = fc
      .tuple(pick(strings), fc.string({ unit: "binary", maxLength: 40 }))
      .map(([f, s]) => ({ kind: "unicode", ...json(setAt(base, f.path, s)) }));
    const huge = fc
      .tuple(
        pick(strings),
        fc.constantFrom(1_000, 20_000, 70_000),
        fc.string({ unit: "binary", maxLength: 4 }),
      )
      .map(([f, n, s]) => ({
        kind: "huge-string",
        ...json(setAt(base, f.path, `${s}${"\u00e9".repeat(n)}`)),
      }));
    kinds.push({ arbitrary: unicode, weight: 2 }, { arbitrary: huge, weight: 1 });
  }
  const extra = fc
    .tuple(fc.string({ minLength: 1, maxLength: 12 }), fc.jsonValue({ maxDepth: 2 }))
    .map(([key, value]) => ({ kind: "extra-field", ...json(setAt(base, [key], value as Json)) }));
  kinds.push({ arbitrary: extra, weight: 1 });
  const text = JSON.stringify(base);
  const malformedBase = fc.oneof(
    fc.nat({ max: Math.max(text.length - 1, 0) }).map((n) => text.slice(0, n)),
    fc.string({ unit: "binary", maxLength: 8 }).map((s) => `${text}${s}x`),
  );
  kinds.push({ arbitrary: malformedBase.map((body) => ({ kind: "malformed-json", body })), weight: 1 });
  const contentType = fc
    .constantFrom(...CONTENT_TYPES)
    .map((type) => ({ kind: "content-type", body: text, headers: { "Content-Type": type } }));
  kinds.push(
    { arbitrary: contentType, weight: 1 },
    { arbitrary: fc.constant({ kind: "base", ...json(base) }), weight: 1 },
  );
  return kinds;
}
