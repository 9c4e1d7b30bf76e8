import { z } from "@hono/zod-openapi";
import { normalizePhoneNumber } from "../../core/phone";
import { AUTODOC_STATUSES } from "../../dialects/autodoc/invitation-view";
import { localeTag } from "../../http/locale-param";
import { pageLimit } from "../../http/openapi";
import { boundedStringMap } from "../../http/string-map";

export const InvitationSchema = z
  .object({
    token: z.string().openapi({ example: "adi_7Hq2LxW9pRt4Vb8Nc3Mz5Ks1" }),
    object: z.literal("invitation"),
    workflowToken: z.string().openapi({ example: "wf_onboarding" }),
    channel: z.enum(["email", "sms"]),
    recipient: z.string().openapi({ example: "jane@example.com" }),
    recipientName: z.string().nullable().openapi({ example: "Jane Doe" }),
    locale: z.string().openapi({ example: "en" }),
    reference: z.string().nullable().openapi({ example: "crm-contact-4411" }),
    metadata: z.record(z.string(), z.string()).openapi({ example: { crmId: "4411" } }),
    status: z.enum(AUTODOC_STATUSES),
    sentAt: z.string().nullable(),
    deliveryAttempts: z.number().int().openapi({ example: 0 }),
    errorMessage: z.string().nullable(),
    url: z.string().openapi({
      example: "https://start.auto-doc.ai/wf_onboarding?invitation_token=adi_7Hq2LxW9pRt4Vb8Nc3Mz5Ks1",
    }),
    expiresAt: z.string().openapi({ example: "2026-12-22T10:00:00.000Z" }),
    expired: z.boolean().openapi({
      example: false,
      description:
        "Past `expiresAt`: the link answers 410 and the invitation cannot be resent. `status` keeps the last " +
        "step the recipient reached (an expired invitation may be `sent` or `opened`).",
    }),
    createdAt: z.string().openapi({ example: "2026-11-22T10:00:00.000Z" }),
    updatedAt: z.string().openapi({ example: "2026-11-22T10:00:00.000Z" }),
    livemode: z.boolean(),
  })
  .openapi("Invitation");

const MetadataSchema = boundedStringMap(
  "Flat object of strings: at most 50 keys of 1–40 characters, values of at most 500.",
  { crmId: "4411" },
);

export const CreateInvitationBody = z
  .strictObject({
    workflowToken: z.string().min(1).max(64).openapi({ example: "wf_onboarding" }),
    channel: z.enum(["email", "sms"]),
    recipient: z.string().trim().min(1).max(254).openapi({
      example: "jane@example.com",
      description: "An e-mail address, or a phone number in E.164 or any readable international format.",
    }),
    recipientName: z.string().trim().min(1).max(200).optional().openapi({ example: "Jane Doe" }),
    locale: localeTag("See GET /v1/autodoc/invitations/locales.", "fr").optional(),
    reference: z.string().min(1).max(255).optional().openapi({ example: "crm-contact-4411" }),
    metadata: MetadataSchema.optional(),
  })
  .superRefine((body, ctx) => {
    const valid =
      body.channel === "email"
        ? z.email().safeParse(body.recipient).success
        : normalizePhoneNumber(body.recipient) !== null;
    if (!valid) {
      const message =
        body.channel === "email"
          ? "must be an e-mail address"
          : "must be a phone number with its country code, e.g. +15551234567 or +44 20 7946 0958";
      ctx.addIssue({ code: "custom", path: ["recipient"], message });
    }
  })
  .openapi("CreateInvitation");

export const ListInvitationsQuery = z.object({
  reference: z.string().min(1).max(255).optional(),
  status: z.enum(AUTODOC_STATUSES).optional(),
  channel: z.enum(["email", "sms"]).optional(),
  limit: pageLimit(),
  startingAfter: z.string().optional().openapi({
    description: "An invitation token from the previous page: lists the ones created before it.",
  }),
});

export const InvitationListSchema = z
  .object({ object: z.literal("list"), data: z.array(InvitationSchema), hasMore: z.boolean() })
  .openapi("InvitationList");

export const InvitationTokenParams = z.object({
  token: z
    .string()
    .openapi({ param: { name: "token", in: "path" }, example: "adi_7Hq2LxW9pRt4Vb8Nc3Mz5Ks1" }),
});
