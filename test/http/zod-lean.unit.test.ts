// src/zod-lean.ts is the Worker's "zod" (wrangler.toml's [alias]): zod with a `z` of only the members src/
// reads, which keeps zod's locales and unused schema kinds out of the bundle. These tests hold it to that: each
// member zod's own value, exactly the members src/ reads, every named export passed through. The reference is
// "zod/v4", which the alias (the exact name "zod" only) leaves alone.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import * as zod from "zod/v4";
import * as lean from "../../src/zod-lean";

/** Members src/ need not name: @hono/zod-openapi's extendZodWithOpenApi patches `z.ZodType.prototype`. */
const FOR_LIBRARIES = ["ZodType"];

const SRC = path.join(import.meta.dirname, "../../src");

// Read by name, as records: the point here is every member, whatever its name.
const zodModule: Record<string, unknown> = zod;
const leanModule: Record<string, unknown> = lean;
const zodZ: Record<string, unknown> = zod.z;
const leanZ: Record<string, unknown> = lean.z;

/** Every `z.<name>` in src/'s code (comment lines aside, and the lean zod's own files), with where it is. */
function zMembersReadInSrc(): { name: string; where: string; line: string }[] {
  const found: { name: string; where: string; line: string }[] = [];
  const files = readdirSync(SRC, { recursive: true, encoding: "utf8" }).filter(
    (file) => /\.tsx?$/.test(file) && !file.startsWith("zod-lean"),
  );
  for (const file of files) {
    const lines = readFileSync(path.join(SRC, file), "utf8")
      .split("\n")
      .map((line) => (/^\s*(\/\/|\*|\/\*)/.test(line) ? "" : line));
    const code = lines.join("\n");
    // `z` and its member may sit on two lines (`z\n  .strictObject({…})`).
    for (const match of code.matchAll(/\bz\s*\.\s*([A-Za-z_$][\w$]*)/g)) {
      const at = code.slice(0, match.index).split("\n").length;
      found.push({ name: match[1] ?? "", where: `${file}:${at}`, line: (lines[at - 1] ?? "").trim() });
    }
  }
  return found;
}

describe("the Worker's zod (src/zod-lean.ts)", () => {
  it("is what the name zod resolves to here, as in the Worker", async () => {
    const aliased = await import("zod");
    expect(aliased.z).toBe(lean.z);
    expect(aliased.default).toBe(lean.z);
    expect("locales" in aliased.z).toBe(false);
  });

  it("has in z exactly the members src/ reads (and ZodType), each zod's very own value", () => {
    // Names that are no member of zod's z at run time (z.infer, …) are types; z.core is checked below.
    const read = zMembersReadInSrc()
      .map(({ name }) => name)
      .filter((name) => name in zodZ && name !== "core");
    const wanted = [...new Set([...read, ...FOR_LIBRARIES])].sort();
    expect(Object.keys(leanZ).sort(), "src/zod-lean-members.ts must list exactly these").toEqual(wanted);
    for (const name of wanted) expect(leanZ[name], name).toBe(zodZ[name]);
  });

  it("passes every named export of zod through as it is", () => {
    const named = (module: Record<string, unknown>) =>
      Object.keys(module).filter((name) => name !== "z" && name !== "default");
    expect(named(leanModule).sort()).toEqual(named(zodModule).sort());
    for (const name of named(zodModule)) expect(leanModule[name], name).toBe(zodModule[name]);
  });

  it("validates through the same classes: a schema from the lean z is a zod schema", () => {
    const schema = lean.z.strictObject({ email: lean.z.email(), at: lean.z.iso.datetime() });
    expect(schema).toBeInstanceOf(zod.ZodObject);
    expect(schema.safeParse({ email: "a@example.com", at: "2026-11-01T00:00:00Z" }).success).toBe(true);
    expect(schema.safeParse({ email: "not an address", at: "2026-11-01T00:00:00Z" }).success).toBe(false);
  });

  it("has src/ read z.core in types only, which tsc takes from zod itself", () => {
    const asValue = zMembersReadInSrc().filter(
      ({ name, line }) => name === "core" && !/^(export\s+)?type\s/.test(line),
    );
    expect(asValue.map(({ where, line }) => `${where}: ${line}`)).toEqual([]);
  });
});
