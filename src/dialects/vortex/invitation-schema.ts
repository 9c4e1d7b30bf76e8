import { z } from "@hono/zod-openapi";

/** Vortex's enums: the strict clients (C#, Java, Python, Rust) refuse any other value. */
export const VORTEX_STATUSES = [
  "queued",
  "sending",
  "sent",
  "delivered",
  "accepted",
  "shared",
  "unfurled",
  "accepted_elsewhere",
] as const;
const TargetType = z.enum(["email", "phone", "share", "internal"]);
const timestamp = (example: string) => z.string().openapi({ format: "date-time", example });

const VortexTarget = z
  .object({
    type: TargetType,
    value: z
      .string()
      .openapi({ example: "jane@example.com", description: "The address, number or user id." }),
    name: z.string().optional().openapi({ example: "Jane Doe" }),
    avatarUrl: z.string().optional(),
  })
  .openapi("VortexInvitationTarget");

const VortexGroup = z
  .object({
    id: z.string().openapi({ description: "Our id of the membership row.", example: "2b1f0c8e-…" }),
    accountId: z.string(),
    groupId: z.string().openapi({ description: "The customer's own id of the scope.", example: "team-1" }),
    type: z.string().openapi({ example: "team" }),
    name: z.string().openapi({ example: "Engineering" }),
    createdAt: timestamp("2026-11-22T10:00:00.000Z"),
  })
  .openapi("VortexInvitationGroup");

const VortexAccept = z
  .object({
    id: z.string(),
    accountId: z.string(),
    projectId: z.string(),
    acceptedAt: timestamp("2026-11-23T09:30:00.000Z"),
    target: VortexTarget.omit({ avatarUrl: true }).extend({ type: z.string() }),
    targetType: z.string().openapi({ description: "The target's type again, as the Java client reads it." }),
    targetValue: z
      .string()
      .openapi({ description: "The target's value again, as the Java client reads it." }),
  })
  .openapi("VortexInvitationAccept");

const emptyObject = (description: string) => z.strictObject({}).openapi({ description });

/** The Invitation object every official Vortex client parses (see the Vortex API doc for each client's rules). */
export const VortexInvitationSchema = z
  .object({
    id: z.string().openapi({ example: "550e8400-e29b-41d4-a716-446655440000" }),
    accountId: z.string().openapi({ description: "The organization." }),
    projectId: z.string().openapi({ description: "The organization (Vortex projects map to it)." }),
    deploymentId: z.string().openapi({ description: "`<organization>:live` or `<organization>:test`." }),
    widgetConfigurationId: z.string(),
    attributes: emptyObject("Always empty: widget attributes are not stored."),
    configurationAttributes: emptyObject("Always empty (deprecated in Vortex)."),
    formSubmissionData: z.null().openapi({ description: "Always null: no widget form is served." }),
    clickThroughs: z.number().int().openapi({ description: "Clicks through the short link by a person." }),
    views: z.number().int().openapi({ description: "Views of the short link, previews included." }),
    deliveryCount: z.number().int().openapi({ description: "Sends, the first and each reinvite." }),
    deliveryTypes: z.array(TargetType),
    foreignCreatorId: z.string().openapi({ description: "The inviter's `userId`." }),
    creatorName: z.string().nullable(),
    creatorAvatarUrl: z.string().nullable(),
    invitationType: z.enum(["single_use", "multi_use", "autojoin"]),
    status: z.enum(VORTEX_STATUSES),
    createdAt: timestamp("2026-11-22T10:00:00.000Z"),
    modifiedAt: timestamp("2026-11-22T10:00:01.000Z"),
    deactivated: z.boolean().openapi({ description: "Revoked or declined." }),
    expired: z.boolean().openapi({ description: "Past `expires`: it can no longer be accepted." }),
    expires: timestamp("2026-12-22T10:00:00.000Z"),
    target: z.array(VortexTarget),
    groups: z.array(VortexGroup),
    accepts: z.array(VortexAccept),
    scope: z.string().optional().openapi({ description: "The first group's `groupId`." }),
    scopeType: z.string().optional().openapi({ description: "The first group's `type`." }),
    metadata: z.unknown().openapi({ description: "Any JSON value the creator sent as `metadata`, as sent." }),
    source: z.string().nullable(),
    subtype: z.string().nullable(),
  })
  .openapi("VortexInvitation");

export type VortexInvitation = z.infer<typeof VortexInvitationSchema>;
