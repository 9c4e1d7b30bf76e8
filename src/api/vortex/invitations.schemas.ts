import { z } from "@hono/zod-openapi";
import { boundedStringMap } from "../../http/string-map";
import { webUrlSchema } from "../../http/web-url-schema";
import { optional } from "./optional-field";

const scopeName = z.string().max(255);
const scopeType = z.string().min(1).max(100).openapi({ example: "team" });
const scopeId = z.string().min(1).max(255).openapi({ example: "team-abc123" });

/** A scope the invitation joins: Vortex's wire name is a group (`groupId`); the SDKs say scope (`scopeId`). */
const GroupInput = z
  .strictObject({
    type: scopeType,
    groupId: optional(scopeId),
    scopeId: optional(scopeId),
    name: optional(scopeName),
  })
  .refine((group) => group.groupId ?? group.scopeId, {
    message: "must name the scope with groupId (or scopeId)",
    path: ["groupId"],
  })
  .openapi("VortexGroupInput");

/**
 * Vortex create bodies. Every shape an official client sends is read: `groups` (the wire's name), `scopes`,
 * and a single `scopeId`/`scopeType`/`scopeName` (the current SDKs' own names, which the Node SDK converts
 * before sending but plain HTTP callers do not). A field this request does not take is refused with a 400
 * that names it, never dropped.
 */
export const CreateVortexInvitationBody = z
  .strictObject({
    widgetConfigurationId: z
      .string()
      .min(1)
      .max(64)
      .openapi({ example: "550e8400-e29b-41d4-a716-446655440000" }),
    target: z.strictObject({
      type: z.enum(["email", "phone", "internal"]),
      value: z.string().trim().min(1).max(254),
      name: optional(z.string().max(200)),
      avatarUrl: optional(z.string().max(2048)),
    }),
    inviter: z.strictObject({
      userId: z.string().min(1).max(255),
      userEmail: optional(z.string().max(254)),
      name: optional(z.string().max(200)),
      avatarUrl: optional(z.string().max(2048)),
      userName: optional(z.string().max(200)).openapi({ description: "Deprecated: `name`." }),
      userAvatarUrl: optional(z.string().max(2048)).openapi({ description: "Deprecated: `avatarUrl`." }),
    }),
    groups: optional(z.array(GroupInput).max(20)),
    scopes: optional(z.array(GroupInput).max(20)).openapi({ description: "The same as `groups`." }),
    scopeId: optional(scopeId).openapi({
      description: "One scope: the same as `groups: [{groupId, type, name}]`.",
    }),
    scopeType: optional(scopeType).openapi({ description: "The type of `scopeId`; required with it." }),
    scopeName: optional(scopeName),
    source: optional(z.string().max(100)),
    subtype: optional(z.string().max(100)),
    templateVariables: optional(
      boundedStringMap(
        "Values for the e-mail template's {{placeholders}}: at most 50 keys of 1–40 characters, values of at most 500.",
        { companyName: "Acme Inc", teamName: "Engineering" },
      ),
    ),
    metadata: z
      .unknown()
      .optional()
      .openapi({ description: "Any JSON value: kept as sent, returned on the invitation and in webhooks." }),
    unfurlConfig: optional(
      z.strictObject({
        title: optional(z.string().max(300)),
        description: optional(z.string().max(1000)),
        image: optional(webUrlSchema("https")),
        type: optional(z.enum(["website", "article", "video", "music", "book", "profile", "product"])),
        siteName: optional(z.string().max(200)),
      }),
    ),
  })
  .refine((body) => body.scopeId === undefined || body.scopeType !== undefined, {
    message: "is required with scopeId",
    path: ["scopeType"],
  })
  .refine(
    (body) => [body.groups, body.scopes, body.scopeId].filter((shape) => shape !== undefined).length <= 1,
    { message: "Name the scopes one way: groups, scopes, or scopeId with scopeType." },
  )
  .openapi("VortexCreateInvitation");

export const CreateVortexInvitationResponse = z
  .object({
    id: z.string().openapi({ example: "550e8400-e29b-41d4-a716-446655440000" }),
    shortLink: z.string().openapi({ example: "https://vrtx.link/i/abc123" }),
    status: z.literal("queued"),
    createdAt: z.string().openapi({ example: "2024-01-15T12:00:00Z" }),
  })
  .openapi("VortexCreateInvitationResponse");

export { VortexInvitationSchema } from "../../dialects/vortex/invitation-schema";
