import { type VortexFields, vortexFields } from "../../core/vortex-fields";
import type { InvitationRow } from "../../db/invitations-repo";
import type { AcceptRow, GroupRow } from "../../db/vortex-invitations-repo";
import type { VORTEX_STATUSES, VortexInvitation } from "./invitation-schema";

/** Vortex's status enum; strict clients (C#, Java, Python, Rust) reject any other value. */
export type VortexStatus = (typeof VORTEX_STATUSES)[number];

/** The core status in Vortex's words (the mapping is listed in docs/vortex-api.md). */
export function vortexStatus(row: InvitationRow): VortexStatus {
  switch (row.status) {
    case "sending":
      return "sending";
    case "sent":
      return row.views > 0 && row.clickThroughs === 0 ? "unfurled" : "sent";
    case "delivered":
    case "opened":
    case "rejected":
      return "delivered";
    case "started":
    case "completed":
    case "accepted":
      return "accepted";
    case "accepted_elsewhere":
      return "accepted_elsewhere";
    default:
      // pending, and failed (not in Vortex's enum: the failure shows in events and webhooks).
      return row.views > 0 && row.clickThroughs === 0 ? "unfurled" : "queued";
  }
}

type TargetType = VortexInvitation["deliveryTypes"][number];
const TARGET_TYPES: readonly string[] = ["email", "phone", "share", "internal"] satisfies TargetType[];
const isTargetType = (type: string | undefined): type is TargetType =>
  type !== undefined && TARGET_TYPES.includes(type);

function target(row: InvitationRow, data: VortexFields) {
  const t = data.target ?? {};
  const fallback: TargetType = row.channel === "sms" ? "phone" : "email";
  return {
    type: isTargetType(t.type) ? t.type : fallback,
    value: row.recipient,
    ...(t.name ? { name: t.name } : {}),
    ...(t.avatarUrl ? { avatarUrl: t.avatarUrl } : {}),
  };
}

/** An accept: `target` as the Node and Python models read it, `targetType`/`targetValue` as Java's does. */
function acceptView(accept: AcceptRow, account: string) {
  const { type, value, name } = accept.target as { type?: unknown; value?: unknown; name?: unknown };
  const target = {
    type: String(type ?? "email"),
    value: String(value ?? ""),
    ...(typeof name === "string" ? { name } : {}),
  };
  return {
    id: accept.id,
    accountId: account,
    projectId: account,
    acceptedAt: accept.acceptedAt.toISOString(),
    target,
    targetType: target.type,
    targetValue: target.value,
  };
}

/**
 * The Invitation object every official client parses: every field the strict ones require, with the right
 * types, and only the enum values they know. `accountId`/`projectId` are the organization; `deploymentId`
 * names its mode.
 */
export function vortexInvitationView(
  row: InvitationRow,
  groups: GroupRow[],
  accepts: AcceptRow[],
  now: Date,
): VortexInvitation {
  const data = vortexFields(row.vortex);
  const account = row.organizationId;
  const firstGroup = groups[0];
  return {
    id: row.token,
    accountId: account,
    projectId: account,
    deploymentId: `${account}:${row.livemode ? "live" : "test"}`,
    widgetConfigurationId: data.widgetConfigurationId ?? row.workflowToken,
    attributes: {},
    configurationAttributes: {},
    formSubmissionData: null,
    clickThroughs: row.clickThroughs,
    views: row.views,
    deliveryCount: row.deliveryAttempts,
    deliveryTypes: [target(row, data).type],
    foreignCreatorId: data.inviter?.userId ?? "",
    creatorName: data.inviter?.name ?? null,
    creatorAvatarUrl: data.inviter?.avatarUrl ?? null,
    invitationType: row.invitationType ?? "single_use",
    status: vortexStatus(row),
    createdAt: row.createdAt.toISOString(),
    modifiedAt: row.updatedAt.toISOString(),
    deactivated: row.deactivated || row.status === "rejected",
    expired: now.getTime() >= row.expiresAt.getTime(),
    expires: row.expiresAt.toISOString(),
    target: [target(row, data)],
    groups: groups.map((g) => ({
      id: g.id,
      accountId: account,
      groupId: g.groupId,
      type: g.groupType,
      name: g.name,
      createdAt: g.createdAt.toISOString(),
    })),
    accepts: accepts.map((a) => acceptView(a, account)),
    ...(firstGroup ? { scope: firstGroup.groupId, scopeType: firstGroup.groupType } : {}),
    metadata: data.metadata ?? {},
    source: data.source ?? null,
    subtype: data.subtype ?? null,
  };
}
