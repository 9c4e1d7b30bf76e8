import { z } from "@hono/zod-openapi";
import { boundedStringMap } from "../../http/string-map";
import { webUrlSchema } from "../../http/web-url-schema";

/** Vortex create bodies: the Node SDK forwards extra keys verbatim, so unknown keys are tolerated, not stored. */
export const CreateVortexInvitationBody = z
  .looseObject({
    widgetConfigurationId: z
      .string()
      .min(1)
      .max(64)
      .openapi({ example: "550e8400-e29b-41d4-a716-446655440000" }),
    target: z.looseObject({
      type: z.enum(["email", "phone", "internal"]),
      value: z.string().trim().min(1).max(254),
      name: z.string().max(200).optional(),
      avatarUrl: z.string().max(2048).optional(),
    }),
    inviter: z.looseObject({
      userId: z.string().min(1).max(255),
      userEmail: z.string().max(254).optional(),
      name: z.string().max(200).optional(),
      avatarUrl: z.string().max(2048).optional(),
      userName: z.string().max(200).optional(),
      userAvatarUrl: z.string().max(2048).optional(),
    }),
    groups: z
      .array(
        z.looseObject({
          type: z.string().min(1).max(100),
          groupId: z.string().min(1).max(255),
          name: z.string().max(255).optional(),
        }),
      )
      .max(20)
      .optional(),
    source: z.string().max(100).optional(),
    subtype: z.string().max(100).optional(),
    templateVariables: boundedStringMap(
      "Values for the e-mail template's {{placeholders}}: at most 50 keys of 1–40 characters, values of at most 500.",
      { companyName: "Acme Inc", teamName: "Engineering" },
    ).optional(),
    metadata: z
      .unknown()
      .optional()
      .openapi({ description: "Any JSON value: kept as sent, returned on the invitation and in webhooks." }),
    unfurlConfig: z
      .object({
        title: z.string().max(300).optional(),
        description: z.string().max(1000).optional(),
        image: webUrlSchema("https").optional(),
        type: z.enum(["website", "article", "video", "music", "book", "profile", "product"]).optional(),
        siteName: z.string().max(200).optional(),
      })
      .optional(),
  })
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
