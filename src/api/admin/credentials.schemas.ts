import { createRoute, z } from "@hono/zod-openapi";
import { errorResponses, jsonBody, jsonContent, pageLimit, SECURITY_ADMIN } from "../../http/openapi";
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
  limit: pageLimit(MAX_CREDENTIAL_PAGE),
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

/** What tells one kind of key's routes apart: its path segment, its words, its schema, an example id. */
interface CredentialKind<S extends z.ZodType> {
  /** `keys` or `vortex-keys`: the routes are `/organizations/{slug}/<segment>[/{id}]`. */
  segment: string;
  /** "private API key", "Vortex API key". */
  noun: string;
  schema: S;
  listName: string;
  idExample: string;
}

/** The create, list and revoke routes every kind of key has, the same but for its words and schema. */
export function credentialRoutes<S extends z.ZodType>(kind: CredentialKind<S>) {
  const base = { tags: ["Operator"], security: SECURITY_ADMIN };
  const path = `/organizations/{slug}/${kind.segment}`;
  return {
    create: createRoute({
      ...base,
      method: "post",
      path,
      summary: `Create a ${kind.noun} (shown once)`,
      request: { params: SlugParams, body: jsonBody(CreateCredentialBody, "Live or test mode") },
      responses: {
        201: jsonContent(kind.schema, "The key, with its secret"),
        ...errorResponses(400, 401, 404),
      },
    }),
    list: createRoute({
      ...base,
      method: "get",
      path,
      summary: `List ${kind.noun}s (both modes, revoked ones too, never the secret)`,
      request: { params: SlugParams, query: CredentialListQuery },
      responses: {
        200: jsonContent(credentialList(kind.schema, kind.listName), "The keys, newest first"),
        ...errorResponses(400, 401, 404),
      },
    }),
    revoke: createRoute({
      ...base,
      method: "delete",
      path: `${path}/{id}`,
      summary: `Revoke a ${kind.noun}`,
      description:
        "Refused at once by the instance that revoked it, and everywhere within the 30-second principal cache.",
      request: { params: credentialIdParams(kind.idExample) },
      responses: {
        200: jsonContent(kind.schema, "The revoked key (without its secret)"),
        ...errorResponses(401, 404),
      },
    }),
  };
}
