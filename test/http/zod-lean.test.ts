// The integration tests run the zod that ships: wrangler.toml's [alias] maps "zod" to src/zod-lean.ts for every
// importer, @hono/zod-openapi's included (its `z` is the one our routes build their schemas with), and
// vitest.config.ts applies the same alias here. test/http/zod-lean.unit.test.ts checks the lean z itself.
import { z as openApiZ } from "@hono/zod-openapi";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { z as leanZ } from "../../src/zod-lean";

describe("the Worker's zod in workerd", () => {
  it("is src/zod-lean.ts for our imports and for @hono/zod-openapi's", () => {
    expect(z).toBe(leanZ);
    expect(openApiZ).toBe(leanZ);
    expect("locales" in openApiZ).toBe(false);
  });

  it("carries @hono/zod-openapi's extension, so .openapi() works on its schemas", () => {
    const schema = openApiZ.string().openapi({ example: "a" });
    expect(schema.safeParse("a").success).toBe(true);
  });
});
