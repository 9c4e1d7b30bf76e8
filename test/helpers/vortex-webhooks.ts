import { env } from "cloudflare:workers";
import {
  isWebhookEvent,
  type VortexWebhookEvent,
  VortexWebhooks,
} from "@teamvortexsoftware/vortex-node-22-sdk";
import { vi } from "vitest";
import { received } from "../fakes/customer-endpoint";
import { admin } from "./api";
import { createBody, type createVortexTenant, vortex } from "./vortex";

export type VortexTenant = Awaited<ReturnType<typeof createVortexTenant>>;

/** A Vortex-format endpoint at `https://customer.example<path>` (operator API); answers its id and secret. */
export async function subscribe(tenant: VortexTenant, path: string, body: Record<string, unknown> = {}) {
  const res = await admin("POST", `/organizations/${tenant.slug}/vortex-webhooks`, {
    url: `https://customer.example${path}`,
    ...body,
  });
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  return { id: String(res.body.id), secret: String(res.body.secret) };
}

export const uniquePath = (name: string) => `/${name}-${crypto.randomUUID()}`;

/** What the endpoint at `path` received, each verified and parsed by the official SDK, as a customer would. */
export function eventsAt(path: string, secret: string): VortexWebhookEvent[] {
  const webhooks = new VortexWebhooks({ secret });
  return received
    .filter((r) => r.path === path)
    .map((r) => {
      const event = webhooks.constructEvent(r.body, r.headers["x-vortex-signature"] ?? "");
      if (!isWebhookEvent(event)) throw new Error(`not a Vortex state event: ${r.body}`);
      return event;
    });
}

export async function waitForEvents(path: string, secret: string, count: number) {
  await vi.waitUntil(() => eventsAt(path, secret).length >= count, { timeout: 5000, interval: 25 });
  return eventsAt(path, secret);
}

/** Every webhook event of these invitations fanned out, and time for the deliveries to land. */
export async function settle(tokens: string[]) {
  const marks = tokens.map(() => "?").join(",");
  await vi.waitUntil(
    async () => {
      const row = await env.DB.prepare(
        `select count(*) as n from invitation_events where invitation_token in (${marks}) and webhook_type is not null and dispatched_at is null`,
      )
        .bind(...tokens)
        .first<{ n: number }>();
      return row?.n === 0;
    },
    { timeout: 5000, interval: 25 },
  );
  await new Promise((resolve) => setTimeout(resolve, 400));
}

/** A Vortex invitation created with the live key; answers its id and short link. */
export async function createLiveInvitation(
  tenant: VortexTenant,
  target: Record<string, unknown>,
  extra = {},
) {
  const res = await vortex(
    tenant.vortexLive,
    "POST",
    "/invitations",
    createBody(tenant.widgetId, target, extra),
  );
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  return { id: String(res.body.id), shortLink: String(res.body.shortLink) };
}

export async function waitForVortexStatus(tenant: VortexTenant, id: string, status: string) {
  await vi.waitUntil(
    async () => (await vortex(tenant.vortexLive, "GET", `/invitations/${id}`)).body.status === status,
    { timeout: 5000, interval: 25 },
  );
}
