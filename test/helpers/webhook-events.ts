import { env } from "cloudflare:workers";
import { WEBHOOK_EVENT_TYPES } from "../../src/webhooks/customer/event-types";
import { uniquePath } from "../fakes/customer-endpoint";
import { call, type Tenant } from "./api";
import type { CountedEnv } from "./counted-env";

/**
 * A standard endpoint of the tenant's test mode, at a path of its own on the customer fake, subscribed to
 * `events` (all of them unless told).
 */
export async function testModeEndpoint(
  tenant: Tenant,
  name: string,
  events: readonly string[] = WEBHOOK_EVENT_TYPES,
): Promise<{ path: string; id: string }> {
  const path = uniquePath(name);
  const res = await call("POST", "/v1/autodoc/webhook_endpoints", {
    token: tenant.testKey,
    body: { url: `https://customer.example${path}`, events: [...events] },
  });
  if (res.status !== 201) throw new Error(`endpoint: ${res.status} ${JSON.stringify(res.body)}`);
  return { path, id: String(res.body.id) };
}

/**
 * Creates a test-mode e-mail invitation through a counted Worker (counted-env.ts), the key's lookup cached
 * first and left out of the counts; answers its token.
 */
export async function createThrough(counted: CountedEnv, tenant: Tenant, recipient: string): Promise<string> {
  await counted.api("GET", "/v1/autodoc/invitations?limit=1", tenant.testKey);
  counted.take();
  const body = { workflowToken: tenant.workflowToken, channel: "email", recipient };
  const res = await counted.api("POST", "/v1/autodoc/invitations", tenant.testKey, body);
  if (res.status !== 201) throw new Error(`create: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

/** The invitation's `invitation.created` event as stored: its id, its dispatch and who it was for. */
export async function createdEvent(token: string) {
  const row = await env.DB.prepare(
    "SELECT id, dispatched_at, fanout FROM invitation_events WHERE invitation_token = ? AND type = 'invitation.created'",
  )
    .bind(token)
    .first<{ id: number; dispatched_at: number | null; fanout: string | null }>();
  if (!row) throw new Error(`no invitation.created for ${token}`);
  return { ...row, fanout: row.fanout === null ? null : (JSON.parse(row.fanout) as unknown) };
}
