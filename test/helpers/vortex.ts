import { exports } from "cloudflare:workers";
import { API, admin, createTenant } from "./api";

/** An organization with Vortex keys in both modes and a single-use widget configuration. */
export async function createVortexTenant(widget: Record<string, unknown> = {}) {
  const tenant = await createTenant();
  const live = await admin("POST", `/organizations/${tenant.slug}/vortex-keys`, { mode: "live" });
  const test = await admin("POST", `/organizations/${tenant.slug}/vortex-keys`, { mode: "test" });
  const configuration = await admin("POST", `/organizations/${tenant.slug}/widget-configurations`, {
    name: "Team invites",
    landingUrl: "https://app.example.com/join",
    emailSubject: "{{inviterName}} invited you to {{teamName}}",
    emailTemplate: "Join {{teamName}} at {{companyName}}.",
    ...widget,
  });
  if (configuration.status !== 201) throw new Error(JSON.stringify(configuration.body));
  return {
    ...tenant,
    vortexLive: String(live.body.key),
    vortexTest: String(test.body.key),
    widgetId: String(configuration.body.id),
  };
}

/** A request to the Vortex API the way the Node SDK makes it (JSON content type on every request). */
export async function vortex(key: string | null, method: string, path: string, body?: unknown) {
  const headers: Record<string, string> = {
    "Content-Type": "application/json",
    "x-vortex-sdk-name": "vortex-node-sdk",
  };
  if (key) headers["x-api-key"] = key;
  const res = await exports.default.fetch(`${API}/api/v1${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
}

export function createBody(
  widgetId: string,
  target: Record<string, unknown>,
  extra: Record<string, unknown> = {},
) {
  return {
    widgetConfigurationId: widgetId,
    target,
    inviter: { userId: "user-12345", userEmail: "john@example.com", name: "John Doe" },
    groups: [{ type: "team", groupId: "team-abc123", name: "Engineering Team" }],
    source: "api",
    templateVariables: { companyName: "Acme Inc", teamName: "Engineering" },
    metadata: { referralCode: "ABC123" },
    ...extra,
  };
}
