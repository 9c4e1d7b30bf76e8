import type { z } from "@hono/zod-openapi";

/** An optional field: the strict clients (Go, Java, C#) send `null` for one they leave out, which means the same. */
export const optional = <T extends z.ZodType>(schema: T) =>
  schema.nullish().transform((value) => value ?? undefined);
