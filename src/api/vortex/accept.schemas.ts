import { z } from "@hono/zod-openapi";

/** Node ≥ 0.20 sends `user`; Go and PHP clients still send the legacy `target`. Extra keys are tolerated. */
export const AcceptBody = z
  .looseObject({
    invitationIds: z.array(z.string().min(1).max(64)).min(1).max(100),
    user: z
      .looseObject({
        email: z.string().max(254).optional(),
        phone: z.string().max(32).optional(),
        name: z.string().max(200).optional(),
        isExisting: z.boolean().optional(),
      })
      .optional(),
    target: z.looseObject({ type: z.string().min(1).max(32), value: z.string().min(1).max(254) }).optional(),
  })
  .refine((body) => body.user?.email || body.user?.phone || body.target, {
    message: "Send `user` with an email or a phone (or the legacy `target`).",
  })
  .openapi("VortexAcceptInvitations");

export const SyncInternalBody = z
  .looseObject({
    creatorId: z.string().min(1).max(255),
    targetValue: z.string().trim().min(1).max(254),
    action: z.enum(["accepted", "declined"]),
    componentId: z.string().min(1).max(64),
  })
  .openapi("VortexSyncInternalInvitation");

export const SyncInternalResponse = z
  .object({ processed: z.number().int(), invitationIds: z.array(z.string()) })
  .openapi("VortexSyncInternalInvitationResponse");
