// The Worker's `zod`: wrangler.toml's [alias] maps the name "zod" here, for our imports and for
// @hono/zod-openapi's, and vitest.config.ts does the same for the integration tests. It is zod as it is, except
// that its `z` leaves out what the Worker never reads. @hono/zod-openapi passes `z` itself to
// extendZodWithOpenApi, and a namespace used as a value makes esbuild keep every module the namespace reaches:
// zod's 45 locales (267 KB minified), `z.core` (the locales again, and z.compile's code generator, 31 KB), the
// JSON Schema reader (12 KB). Left out of `z`, therefore:
// - `locales`: our messages are validation-messages.ts's; zod's English, its default, is registered by zod
//   itself and stays;
// - `core`: read only as types (tsc reads zod's own types; it does not see the alias);
// - `compile`, `withParser`, `INVALID`, `ZodCompileAsyncError`, `ZodCompileUnsupportedError`: nothing is compiled;
// - `fromJSONSchema`: nothing reads JSON Schema.
// Every other member is zod's own value (zod-lean-members.ts), and the named exports pass through unchanged:
// test/http/zod-lean.unit.test.ts checks both. Imported from "zod/v4", as the alias maps only the exact "zod".
import * as z from "./zod-lean-members";

export * from "zod/v4";
export { z, z as default };
