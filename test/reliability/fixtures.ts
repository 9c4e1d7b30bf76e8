import type { Json } from "./json-schema";
import type { Operation } from "./route-table";

/** The objects a route's path parameter can name; one of each exists per organization and mode. */
export type FixtureName =
  | "invitation"
  | "workflow"
  | "webhookEndpoint"
  | "vortexInvitation"
  | "scopeType"
  | "scope"
  | "slug"
  | "apiKey"
  | "vortexKey"
  | "vortexWebhook";

/** Which object each path parameter names. A new route's parameter must be added here (or allowlisted). */
const PATH_PARAMS: { route: RegExp; param: string; fixture: FixtureName }[] = [
  { route: /^\/v1\/autodoc\/invitations\/\{token\}/, param: "token", fixture: "invitation" },
  { route: /^\/v1\/autodoc\/workflows\/\{token\}/, param: "token", fixture: "workflow" },
  { route: /^\/v1\/autodoc\/webhook_endpoints\/\{id\}/, param: "id", fixture: "webhookEndpoint" },
  { route: /^\/api\/v1\/invitations\/\{id\}/, param: "id", fixture: "vortexInvitation" },
  { route: /^\/api\/v1\/invitations\/by-scope\//, param: "scopeType", fixture: "scopeType" },
  { route: /^\/api\/v1\/invitations\/by-scope\//, param: "scope", fixture: "scope" },
  { route: /^\/api\/v1\/invitations\/by-group\//, param: "groupType", fixture: "scopeType" },
  { route: /^\/api\/v1\/invitations\/by-group\//, param: "groupId", fixture: "scope" },
  { route: /^\/admin\/organizations\/\{slug\}/, param: "slug", fixture: "slug" },
  { route: /^\/admin\/organizations\/\{slug\}\/keys\/\{id\}$/, param: "id", fixture: "apiKey" },
  { route: /^\/admin\/organizations\/\{slug\}\/vortex-keys\/\{id\}$/, param: "id", fixture: "vortexKey" },
  {
    route: /^\/admin\/organizations\/\{slug\}\/vortex-webhooks\/\{id\}$/,
    param: "id",
    fixture: "vortexWebhook",
  },
];

export function fixtureFor(op: Operation, param: string): FixtureName | null {
  return PATH_PARAMS.find((p) => p.param === param && p.route.test(op.path))?.fixture ?? null;
}

export type Mode = "live" | "test";

export const ALL_FIXTURES = new Set<FixtureName>([
  "invitation",
  "webhookEndpoint",
  "vortexInvitation",
  "apiKey",
  "vortexKey",
  "vortexWebhook",
]);

export interface Fixtures {
  slug: string;
  mode: Mode;
  /** Request headers that authenticate as this organization and mode, per API. */
  auth: Record<"autodoc" | "vortex" | "admin", Record<string, string>>;
  /** The same organization's credentials for the other mode. */
  otherMode: Record<"autodoc" | "vortex", Record<string, string>>;
  ids: Record<FixtureName, string>;
  widgetId: string;
}

/** The group every fixture Vortex invitation belongs to. */
export const SCOPE = { type: "team", id: "team-abc123" };
export const AUTOJOIN_DOMAIN = "fixture-domain.example";
export const FIXTURE_RECIPIENT = "fixture@example.com";

/** Which objects an operation's requests name, so that only those are made. */
export function fixturesNeeded(op: Operation): Set<FixtureName> {
  const needed = new Set(op.params.map((param) => fixtureFor(op, param)).filter((f) => f !== null));
  if (JSON.stringify(op.body ?? {}).includes("invitationIds") || op.path.includes("by-")) {
    needed.add("vortexInvitation");
  }
  return needed;
}

/**
 * The i-th item of list fields whose items must be well-formed and distinct to get past validation, for
 * lists at their longest: autojoin domains, and invitation ids (the fixture's first, then ids nobody has).
 */
export function knownListItems(f: Fixtures): Record<string, (index: number) => Json> {
  return {
    domains: (i) => `d${i}.${AUTOJOIN_DOMAIN}`,
    invitationIds: (i) =>
      i === 0 ? f.ids.vortexInvitation : `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
  };
}

/** Body fields that must name existing objects (or be well-formed) for a request to get past validation. */
export function knownBodyValues(f: Fixtures): Record<string, Json> {
  return {
    workflowToken: f.ids.workflow,
    widgetConfigurationId: f.widgetId,
    componentId: f.widgetId,
    widgetId: f.widgetId,
    invitationIds: [f.ids.vortexInvitation],
    value: "fuzz@example.com",
    targetValue: "fuzz@example.com",
    email: "fuzz@example.com",
    scopeType: SCOPE.type,
    scope: SCOPE.id,
    defaultLocale: "en",
  };
}
