import { z } from "@hono/zod-openapi";
import { ENTRY_ID_PATTERN, STATUS_FILTER_PATTERN } from "../../core/request-history-query";
import { MAX_PATH_LENGTH } from "../../core/request-redaction";
import { pageLimit } from "../../http/openapi";

const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

const CredentialSchema = z
  .union([
    z.object({
      type: z.literal("private_key"),
      id: z.string().openapi({ example: "key_9ZtQw1Lm4Xc7Vb2Nn6Rp0Ks3" }),
      last4: z.string().openapi({ example: "7RfX" }),
    }),
    z.object({
      type: z.literal("vortex_key"),
      id: z
        .string()
        .openapi({ example: "2b0f6c1e-7a4d-4c3b-9e8f-1a2b3c4d5e6f", description: "The key's kid." }),
      last4: z.string().openapi({ example: "Qx9z" }),
    }),
    z.object({
      type: z.literal("jwt"),
      subject: z.string().nullable().openapi({ example: "user_123", description: "The token's `sub`." }),
    }),
    z.object({ type: z.literal("operator").openapi({ description: "The operator token (operator API)." }) }),
  ])
  .openapi("RequestCredential", {
    description: "Which credential made the request: never its secret.",
    example: { type: "private_key", id: "key_9ZtQw1Lm4Xc7Vb2Nn6Rp0Ks3", last4: "7RfX" },
  });

export const RequestEntrySchema = z
  .object({
    id: z
      .string()
      .openapi({ example: "req_mhx3k2c0_2n", description: "Also the cursor of `startingAfter`." }),
    object: z.literal("request"),
    time: z.string().openapi({ example: "2026-11-22T10:00:00.000Z", description: "When it arrived." }),
    method: z.string().openapi({ example: "POST" }),
    path: z.string().openapi({ example: "/v1/autodoc/invitations" }),
    query: z.string().nullable().openapi({
      example: "invitation_token=REDACTED&limit=20",
      description: "The query string; every token-bearing value reads `REDACTED`.",
    }),
    route: z.string().nullable().openapi({
      example: "/v1/autodoc/invitations",
      description: "The route template (`/v1/autodoc/invitations/{token}`); null when no route matched.",
    }),
    status: z.number().int().openapi({ example: 201 }),
    durationMs: z.number().int().openapi({ example: 38 }),
    errorCode: z.string().nullable().openapi({ example: null, description: "The answer's error code." }),
    userAgent: z.string().nullable().openapi({ example: "acme-backend/2.3 (node 22)" }),
    requestId: z.string().openapi({ example: "3f2c9a4e-8b1d-4e6f-a7c2-5d9e0b1f2a3c" }),
    credential: CredentialSchema,
    sdk: z
      .object({
        name: z.string().nullable().openapi({ example: "vortex-node-sdk" }),
        version: z.string().nullable().openapi({ example: "0.20.0" }),
      })
      .nullable()
      .openapi({ description: "`x-vortex-sdk-name` and `x-vortex-sdk-version`, when the client sent them." }),
  })
  .openapi("RequestEntry");

export const RequestListSchema = z
  .object({ object: z.literal("list"), data: z.array(RequestEntrySchema), hasMore: z.boolean() })
  .openapi("RequestList");

/** The filters and page of every request-history read. */
export const RequestHistoryQuery = z.object({
  path: z.string().min(1).max(MAX_PATH_LENGTH).optional().openapi({
    example: "/v1/autodoc/invitations/{token}",
    description: "A concrete path or a route template, matched exactly.",
  }),
  status: z
    .string()
    .regex(new RegExp(STATUS_FILTER_PATTERN), "must be a status such as 404 or a class such as 4xx")
    .optional()
    .openapi({ example: "4xx" }),
  method: z.enum(HTTP_METHODS).optional().openapi({ example: "POST" }),
  limit: pageLimit(),
  startingAfter: z
    .string()
    .regex(new RegExp(ENTRY_ID_PATTERN), "must be the id of a request from the previous page (req_…)")
    .optional()
    .openapi({ description: "The last id of the previous page: lists the requests before it." }),
});

export const UnauthenticatedCountsSchema = z
  .object({
    object: z.literal("unauthenticated_request_counts"),
    since: z.string().openapi({ example: "2026-10-24", description: "The first day counted (UTC)." }),
    total: z.number().int().openapi({ example: 42 }),
    data: z.array(
      z.object({
        date: z.string().openapi({ example: "2026-11-22" }),
        api: z.enum(["autodoc", "vortex", "admin"]),
        status: z.number().int().openapi({ example: 401 }),
        count: z.number().int().openapi({ example: 40 }),
      }),
    ),
  })
  .openapi("UnauthenticatedRequestCounts");
