import { exports } from "cloudflare:workers";
import { vortexStatus } from "../../src/dialects/vortex/invitation-view";
import { API } from "./api";
import { clientIp } from "./invitations";
import { waitForRow } from "./queue";
import { type SeedOptions, seedVortexTenant } from "./seed-tenant";

/** An organization with Vortex keys in both modes and a single-use widget configuration (one D1 batch). */
export async function createVortexTenant(widget: SeedOptions["widget"] = {}) {
  return seedVortexTenant({ widget });
}

/** A request to the Vortex API the way the Node SDK makes it (JSON content type on every request). */
export async function vortex(key: string | null, method: string, path: string, body?: unknown) {
  const { status, body: answered } = await vortexWithHeaders(key, method, path, body);
  return { status, body: answered };
}

/** The same request, answering the response headers too. */
export async function vortexWithHeaders(key: string | null, method: string, path: string, body?: unknown) {
  const headers: Record<string, string> = {
    "Content-Type": "application/json",
    "x-vortex-sdk-name": "vortex-node-sdk",
    // A fresh client address per request keeps the per-IP reinvite limit out of unrelated tests.
    "CF-Connecting-IP": clientIp(),
  };
  if (key) headers["x-api-key"] = key;
  const res = await exports.default.fetch(`${API}/api/v1${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return {
    status: res.status,
    body: (text ? JSON.parse(text) : {}) as Record<string, unknown>,
    headers: res.headers,
  };
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

export type VortexTenant = Awaited<ReturnType<typeof createVortexTenant>>;

/** Creates an invitation through the API and answers its id. */
export async function createVortexInvitation(
  key: string,
  widgetId: string,
  target: Record<string, unknown>,
  extra: Record<string, unknown> = {},
): Promise<string> {
  const created = await vortex(key, "POST", "/invitations", createBody(widgetId, target, extra));
  if (created.status !== 201) throw new Error(`create: ${created.status} ${JSON.stringify(created.body)}`);
  return String(created.body.id);
}

/** Waits until the invitation shows one of the Vortex statuses (the local queue delivers in the background). */
export async function waitForVortexStatus(key: string, id: string, statuses: string[]) {
  await waitForRow(id, `${id} to be ${statuses.join(" or ")}`, (row) => statuses.includes(vortexStatus(row)));
  return (await vortex(key, "GET", `/invitations/${id}`)).body;
}
