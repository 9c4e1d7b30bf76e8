import { VortexInvitationSchema } from "../../src/dialects/vortex/invitation-schema";

/** What the strictest official clients (Python, Java, C#, Rust) require of an Invitation object. */
const STATUSES = [
  "queued",
  "sending",
  "sent",
  "delivered",
  "accepted",
  "shared",
  "unfurled",
  "accepted_elsewhere",
];
// Python's pydantic model requires all of these (vortex-api.md §2.3).
const REQUIRED = [
  "id",
  "accountId",
  "clickThroughs",
  "createdAt",
  "deactivated",
  "deliveryCount",
  "deliveryTypes",
  "foreignCreatorId",
  "invitationType",
  "status",
  "views",
  "widgetConfigurationId",
  "deploymentId",
  "projectId",
  "expired",
];

export function expectStrictInvitation(
  expect: (v: unknown) => {
    toBe: (x: unknown) => void;
    toContain: (x: unknown) => void;
    toEqual: (x: unknown) => void;
  },
  invitation: Record<string, unknown>,
) {
  // The object is what /openapi.json publishes: every field with its type, and no field the schema lacks.
  const published = VortexInvitationSchema.strict().safeParse(invitation);
  expect(published.error?.message ?? "as published").toBe("as published");
  for (const field of REQUIRED) expect(field in invitation && invitation[field] !== null).toBe(true);
  expect(STATUSES).toContain(invitation.status);
  expect(["single_use", "multi_use", "autojoin"]).toContain(invitation.invitationType);
  for (const type of invitation.deliveryTypes as string[])
    expect(["email", "phone", "share", "internal"]).toContain(type);
  for (const group of invitation.groups as Record<string, unknown>[]) {
    expect(Object.keys(group).sort()).toEqual(["accountId", "createdAt", "groupId", "id", "name", "type"]);
    for (const value of Object.values(group)) expect(typeof value).toBe("string");
  }
  for (const target of invitation.target as Record<string, unknown>[]) {
    for (const key of Object.keys(target)) expect(["type", "value", "name", "avatarUrl"]).toContain(key);
  }
  for (const key of ["clickThroughs", "views", "deliveryCount"])
    expect(Number.isInteger(invitation[key])).toBe(true);
  for (const key of ["deactivated", "expired"]) expect(typeof invitation[key]).toBe("boolean");
}

/** Accept items: what Node and Python read (`target`) and what Java reads (`targetType`/`targetValue`). */
export function expectStrictAccept(
  expect: (v: unknown) => { toBe: (x: unknown) => void; toEqual: (x: unknown) => void },
  accept: Record<string, unknown>,
) {
  for (const key of ["id", "accountId", "projectId", "acceptedAt", "targetType", "targetValue"]) {
    expect(typeof accept[key]).toBe("string");
  }
  const target = accept.target as Record<string, unknown>;
  expect([typeof target.type, typeof target.value]).toEqual(["string", "string"]);
  expect(Number.isNaN(Date.parse(String(accept.acceptedAt)))).toBe(false);
}
