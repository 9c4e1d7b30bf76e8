// The Worker's `zod`: wrangler.toml's [alias] maps the name "zod" here, for our imports and for
// @hono/zod-openapi's, and vitest.config.ts does the same for the unit and integration tests. It is zod as it
// is, except for `z`. @hono/zod-openapi passes `z` itself to extendZodWithOpenApi, and a namespace used as a
// value makes esbuild keep every module the namespace reaches: zod's 45 locales (267 KB minified), `z.core`
// (the locales again, and z.compile's code generator, 31 KB), the JSON Schema reader (12 KB), and every schema
// kind and string format (36 KB) whether used or not. So this `z` holds only the members src/ reads
// (zod-lean-members.ts), each zod's own value; zod's English messages, its default, are registered by zod
// itself and stay. The named exports pass through unchanged (`import { ZodError } from "zod"`).
// test/http/zod-lean.unit.test.ts checks all of this. Types come from zod itself: tsc does not see the alias,
// so `z.infer` and `z.core.$ZodConfig` work as ever. Imported from "zod/v4": the alias maps only the exact "zod".
import * as z from "./zod-lean-members";

export * from "zod/v4";
export { z, z as default };
