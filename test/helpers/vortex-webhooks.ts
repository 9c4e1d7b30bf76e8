import {
  isWebhookEvent,
  type VortexWebhookEvent,
  VortexWebhooks,
} from "@teamvortexsoftware/vortex-node-22-sdk";
import { receivedAt } from "../fakes/customer-endpoint";
import { admin } from "./api";
import { createBody, type createVortexTenant, vortex } from "./vortex";

export { uniquePath } from "../fakes/customer-endpoint";

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

/** What the endpoint at `path` received, each verified and parsed by the official SDK, as a customer would. */
export function eventsAt(path: string, secret: string): VortexWebhookEvent[] {
  const webhooks = new VortexWebhooks({ secret });
  return receivedAt(path).map((r) => {
    const event = webhooks.constructEvent(r.body, r.headers["x-vortex-signature"] ?? "");
    if (!isWebhookEvent(event)) throw new Error(`not a Vortex state event: ${r.body}`);
    return event;
  });
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
