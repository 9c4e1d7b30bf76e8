import type { z } from "@hono/zod-openapi";
import { INVITATION_LIFETIME_MS } from "../../core/invitation-status";
import { randomBase62 } from "../../core/tokens";
import { normalizeTarget } from "../../dialects/vortex/target";
import type { Principal } from "../../env";
import { fieldError, validationError } from "../../http/errors";
import type { InvitationDraft } from "../../invitations/create";
import type { CreateVortexInvitationBody } from "./invitations.schemas";

type CreateBody = z.infer<typeof CreateVortexInvitationBody>;

/**
 * The scopes a create names, whichever of its one shape it used (the schema refuses two): `groups`, `scopes`,
 * or the single `scopeId`. A group item may name its scope `groupId` or `scopeId`.
 */
export function scopesOf(body: CreateBody): { type: string; id: string; name: string | undefined }[] {
  const items = body.groups ?? body.scopes;
  if (items) {
    return items.map((item) => ({
      type: item.type,
      id: item.groupId ?? item.scopeId ?? "",
      name: item.name,
    }));
  }
  if (body.scopeId === undefined || body.scopeType === undefined) return [];
  return [{ type: body.scopeType, id: body.scopeId, name: body.scopeName }];
}

/**
 * A Vortex create body as the core's new invitation: e-mail targets are delivered by us, phone and internal
 * ones by the customer (who sends the short link); the Vortex-only fields go into the `vortex` column.
 */
export function vortexInvitationDraft(body: CreateBody, principal: Principal, now: Date): InvitationDraft {
  const recipient = normalizeTarget(body.target.type, body.target.value);
  if (!recipient) {
    throw validationError([fieldError("target.value", `must be a valid ${body.target.type} target`)]);
  }
  const { inviter } = body;
  return {
    row: {
      token: crypto.randomUUID(),
      organizationId: principal.organizationId,
      livemode: principal.livemode,
      workflowToken: body.widgetConfigurationId,
      channel: body.target.type === "phone" ? "sms" : "email",
      recipient,
      recipientName: body.target.name ?? null,
      locale: principal.defaultLocale,
      metadata: {},
      status: "pending",
      dialect: "vortex",
      deliveredBy: body.target.type === "email" ? "us" : "customer",
      shortCode: randomBase62(12),
      vortex: {
        widgetConfigurationId: body.widgetConfigurationId,
        target: { type: body.target.type, name: body.target.name, avatarUrl: body.target.avatarUrl },
        inviter: {
          userId: inviter.userId,
          userEmail: inviter.userEmail,
          name: inviter.name ?? inviter.userName,
          avatarUrl: inviter.avatarUrl ?? inviter.userAvatarUrl,
        },
        source: body.source,
        subtype: body.subtype,
        templateVariables: body.templateVariables ?? {},
        metadata: body.metadata ?? {},
        unfurlConfig: body.unfurlConfig,
      },
      deliveryDueAt: now,
      expiresAt: new Date(now.getTime() + INVITATION_LIFETIME_MS),
      createdAt: now,
      updatedAt: now,
    },
    guard: {
      kind: "widget_configuration",
      widgetConfigurationId: body.widgetConfigurationId,
      groups: scopesOf(body).map((scope) => ({
        id: crypto.randomUUID(),
        organizationId: principal.organizationId,
        livemode: principal.livemode,
        groupType: scope.type,
        groupId: scope.id,
        name: scope.name ?? scope.id,
        createdAt: now,
      })),
    },
  };
}

/** An autojoin invitation is a standing offer, not a message: it lasts until its domains are emptied. */
const AUTOJOIN_LIFETIME_MS = 10 * 365 * 24 * 60 * 60 * 1000;

/**
 * A scope's autojoin invitation: nobody in particular is invited (its target is the share link itself), the
 * customer shares it, and it joins the scope it admits to.
 */
export function autojoinDraft(
  body: { scope: string; scopeType: string; scopeName?: string | undefined; metadata?: unknown },
  principal: Principal,
  widgetId: string,
  now: Date,
): InvitationDraft {
  const shortCode = randomBase62(12);
  return {
    row: {
      token: crypto.randomUUID(),
      organizationId: principal.organizationId,
      livemode: principal.livemode,
      workflowToken: widgetId,
      channel: "email",
      recipient: shortCode,
      locale: "en",
      metadata: {},
      status: "pending",
      dialect: "vortex",
      deliveredBy: "customer",
      invitationType: "autojoin",
      shortCode,
      vortex: {
        widgetConfigurationId: widgetId,
        target: { type: "share" },
        inviter: {},
        metadata: body.metadata ?? {},
      },
      deliveryDueAt: now,
      expiresAt: new Date(now.getTime() + AUTOJOIN_LIFETIME_MS),
      createdAt: now,
      updatedAt: now,
    },
    guard: {
      kind: "widget_configuration",
      widgetConfigurationId: widgetId,
      groups: [
        {
          id: crypto.randomUUID(),
          organizationId: principal.organizationId,
          livemode: principal.livemode,
          groupType: body.scopeType,
          groupId: body.scope,
          name: body.scopeName ?? body.scope,
          createdAt: now,
        },
      ],
    },
  };
}
