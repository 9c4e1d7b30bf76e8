// src/zod-lean.ts is the Worker's "zod" (wrangler.toml's [alias]): zod's `z` without the members the Worker never
// reads, which otherwise bring 45 locales and more into the bundle. These tests hold it to being zod otherwise:
// the same values, nothing else missing, and nothing in src/ reading what it leaves out. The reference is
// "zod/v4", which the alias (the exact name "zod" only) leaves alone.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import * as zod from "zod/v4";
import * as lean from "../../src/zod-lean";

/** What the Worker's `z` leaves out, as src/zod-lean.ts lists it. */
const LEFT_OUT = [
  "locales",
  "core",
  "compile",
  "withParser",
  "INVALID",
  "ZodCompileAsyncError",
  "ZodCompileUnsupportedError",
  "fromJSONSchema",
];

// Read by name, as records: the point here is every member, whatever its name.
const zodModule: Record<string, unknown> = zod;
const leanModule: Record<string, unknown> = lean;
const zodZ: Record<string, unknown> = zod.z;
const leanZ: Record<string, unknown> = lean.z;

const SRC = path.join(import.meta.dirname, "../../src");

describe("the Worker's zod (src/zod-lean.ts)", () => {
  it("is what the name zod resolves to here, as in the Worker", async () => {
    const aliased = await import("zod");
    expect(aliased.z).toBe(lean.z);
    expect("locales" in aliased.z).toBe(false);
  });

  it("has in z every member of zod's z except those left out, each the very same value", () => {
    const kept = Object.keys(zodZ).filter((name) => !LEFT_OUT.includes(name));
    expect(Object.keys(leanZ).sort()).toEqual(kept.sort());
    for (const name of kept) expect(leanZ[name], name).toBe(zodZ[name]);
    for (const name of LEFT_OUT) expect(name in zodZ, `zod's z still has ${name}`).toBe(true);
  });

  it("passes every named export of zod through as it is, and z is also the default export", () => {
    const named = (module: Record<string, unknown>) =>
      Object.keys(module).filter((name) => name !== "z" && name !== "default");
    expect(named(leanModule).sort()).toEqual(named(zodModule).sort());
    for (const name of named(zodModule)) expect(leanModule[name], name).toBe(zodModule[name]);
    expect(lean.default).toBe(lean.z);
  });

  it("validates through the same classes: a schema from the lean z is a zod schema", () => {
    const schema = lean.z.strictObject({ email: lean.z.email() });
    expect(schema).toBeInstanceOf(zod.ZodObject);
    expect(schema.safeParse({ email: "a@example.com" }).success).toBe(true);
    expect(schema.safeParse({ email: "not an address" }).success).toBe(false);
  });

  it("leaves out nothing src/ reads at run time (z.core only in types)", () => {
    const files = readdirSync(SRC, { recursive: true, encoding: "utf8" }).filter((f) => /\.tsx?$/.test(f));
    const valueUse = new RegExp(`\\bz\\.(${LEFT_OUT.filter((name) => name !== "core").join("|")})\\b`);
    const offenders: string[] = [];
    for (const file of files) {
      const lines = readFileSync(path.join(SRC, file), "utf8").split("\n");
      lines.forEach((line, i) => {
        if (/^\s*(\/\/|\*|\/\*)/.test(line)) return;
        const coreAsValue = /\bz\.core\b/.test(line) && !/^\s*(export\s+)?type\s/.test(line);
        if (valueUse.test(line) || coreAsValue) offenders.push(`${file}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(offenders).toEqual([]);
  });
});
