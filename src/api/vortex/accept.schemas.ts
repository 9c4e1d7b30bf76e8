import { z } from "@hono/zod-openapi";
import { optional } from "./optional-field";

/** Node ≥ 0.20 sends `user`; Go and PHP clients still send the legacy `target`. Other fields are refused by name. */
export const AcceptBody = z
  .strictObject({
    invitationIds: z.array(z.string().min(1).max(64)).min(1).max(100),
    user: optional(
      z.strictObject({
        email: optional(z.string().max(254)),
        phone: optional(z.string().max(32)),
        name: optional(z.string().max(200)),
        isExisting: optional(z.boolean()),
      }),
    ),
    target: optional(z.strictObject({ type: z.string().min(1).max(32), value: z.string().min(1).max(254) })),
  })
  .refine((body) => body.user?.email || body.user?.phone || body.target, {
    message: "Send `user` with an email or a phone (or the legacy `target`).",
  })
  .openapi("VortexAcceptInvitations");

export const SyncInternalBody = z
  .strictObject({
    creatorId: z.string().min(1).max(255),
    targetValue: z.string().trim().min(1).max(254),
    action: z.enum(["accepted", "declined"]),
    componentId: z.string().min(1).max(64),
  })
  .openapi("VortexSyncInternalInvitation");

export const SyncInternalResponse = z
  .object({ processed: z.number().int(), invitationIds: z.array(z.string()) })
  .openapi("VortexSyncInternalInvitationResponse");
