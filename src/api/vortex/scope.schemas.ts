import { z } from "@hono/zod-openapi";
import { VortexInvitationSchema } from "../../dialects/vortex/invitation-schema";
import { optional } from "./optional-field";

export const ScopeParams = z.object({
  scopeType: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: "scopeType", in: "path" }, example: "team" }),
  scope: z
    .string()
    .min(1)
    .max(255)
    .openapi({ param: { name: "scope", in: "path" }, example: "team-abc123" }),
});

/** The legacy twin: older Go, Python, Ruby, Rust and PHP clients call `/by-group/{groupType}/{groupId}`. */
export const GroupParams = z.object({
  groupType: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: "groupType", in: "path" }, example: "team" }),
  groupId: z
    .string()
    .min(1)
    .max(255)
    .openapi({ param: { name: "groupId", in: "path" }, example: "team-abc123" }),
});

/** `componentId` (Node 0.20) or `widgetId` (Python, Ruby, Rust, older docs): either names the widget configuration. */
export const ConfigureAutojoinBody = z
  .strictObject({
    scope: z.string().min(1).max(255),
    scopeType: z.string().min(1).max(100),
    scopeName: optional(z.string().max(255)),
    domains: z.array(z.string().max(253)).max(100),
    componentId: optional(z.string().min(1).max(64)),
    widgetId: optional(z.string().min(1).max(64)),
    metadata: z
      .unknown()
      .optional()
      .openapi({ description: "Any JSON value: kept as sent on the autojoin invitation." }),
  })
  .refine((body) => body.componentId || body.widgetId, {
    message: "componentId (or widgetId) is required.",
    path: ["componentId"],
  })
  .openapi("VortexConfigureAutojoin");

export const AutojoinResponse = z
  .object({
    autojoinDomains: z.array(z.object({ id: z.string(), domain: z.string() })),
    invitation: VortexInvitationSchema.nullable(),
  })
  .openapi("VortexAutojoinDomains");
