import { z } from "@hono/zod-openapi";
import { SlugParams } from "./organizations.routes";

/** The largest page of keys the operator can ask for; more are reached with `startingAfter`. */
export const MAX_CREDENTIAL_PAGE = 100;

/** The fields both kinds of key share, after the kind's own id, object, secret and last4. */
export const credentialFields = {
  mode: z.enum(["live", "test"]),
  createdAt: z.string().openapi({ example: "2026-11-22T10:00:00.000Z" }),
  revokedAt: z.string().nullable().openapi({
    example: null,
    description: "When the key was revoked; null while it works.",
  }),
};

export const CreateCredentialBody = z.strictObject({
  mode: z.enum(["live", "test"]).openapi({ example: "test" }),
});

export const CredentialListQuery = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_CREDENTIAL_PAGE)
    .default(20)
    .openapi({ example: 20, description: `At most ${MAX_CREDENTIAL_PAGE}.` }),
  startingAfter: z.string().min(1).max(64).optional().openapi({
    description: "The id of the last key of the previous page: lists the keys created before it.",
  }),
});

/** A page of keys, newest first: `{object:"list", data, hasMore}` like the other lists. */
export function credentialList<T extends z.ZodType>(item: T, name: string) {
  return z.object({ object: z.literal("list"), data: z.array(item), hasMore: z.boolean() }).openapi(name);
}

/** The `{slug}/…/{id}` path parameters of one key. */
export function credentialIdParams(example: string) {
  return SlugParams.extend({ id: z.string().openapi({ param: { name: "id", in: "path" }, example }) });
}
