import { env } from "cloudflare:workers";
import { Webhook } from "standardwebhooks";
import { describe, it } from "vitest";
import { sealSecret } from "../../../src/core/secret-box";
import { generateWebhookSecret } from "../../../src/webhooks/standard-webhooks";
import { received } from "../../fakes/customer-endpoint";
import { call, createInvitation, createTenant, type Tenant } from "../../helpers/api";
import { deliverWebhooksOf, holdWebhooksInEachTest } from "../../helpers/held-webhooks";
import { createBody, createVortexTenant, vortex } from "../../helpers/vortex";
import { eventsAt, subscribe, uniquePath } from "../../helpers/vortex-webhooks";

// The held queue enforces the platform's batch limits, and each test hands the messages to the consumer.
const webhooks = holdWebhooksInEachTest();

/** How many deliveries each `sendBatch` of the fan-outs carried, in order. */
const deliveryBatchSizes = () =>
  webhooks.queue
    .calls()
    .map((call) => call.filter((body) => (body as { kind?: string }).kind === "deliver").length)
    .filter((n) => n > 0);

const REQUEST_LIMIT = 64 * 1024;

type Created = { type: string; data: { token: string; metadata: Record<string, string> } };

/** The `invitation.created` deliveries each endpoint under `prefix` got, verified with its secret. */
function verifiedAt(prefix: string, secretOf: (path: string) => string) {
  return received
    .filter((r) => r.path.startsWith(`${prefix}/`))
    .map((r) => ({ ...r, event: new Webhook(secretOf(r.path)).verify(r.body, r.headers) as Created }));
}

async function subscribeStandard(tenant: Tenant, path: string) {
  const res = await call("POST", "/v1/autodoc/webhook_endpoints", {
    token: tenant.liveKey,
    body: { url: `https://customer.example${path}`, events: ["invitation.created"] },
  });
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  return String(res.body.secret);
}

/** Endpoints written straight into D1, as an organization from before the cap may have them. */
async function seedEndpoints(tenant: Tenant, prefix: string, count: number, secret: string) {
  await env.DB.prepare(
    `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1)
     INSERT INTO webhook_endpoints (id, organization_id, livemode, url, events, secret_ciphertext, status, format, created_at)
     SELECT 'we_seed_' || ?2 || '_' || i, o.id, 1, 'https://customer.example' || ?2 || '/' || i,
            '["invitation.created"]', ?3, 'enabled', 'standard', ?4
     FROM n, organizations o WHERE o.slug = ?5`,
  )
    .bind(count, prefix, await sealSecret(env.SECRETS_KEY, secret), Date.now(), tenant.slug)
    .run();
}

/** A hundred signed posts, or 16 of 52 KB each, handed to the consumer: seconds of work on a busy machine. */
const HEAVY_TEST_TIMEOUT = 30_000;

describe("webhook fan-out within the queue limits", () => {
  it("delivers to 101 endpoints (past one sendBatch), each once", { timeout: HEAVY_TEST_TIMEOUT }, async ({
    expect,
  }) => {
    const tenant = await createTenant();
    const prefix = uniquePath("many");
    const secret = generateWebhookSecret();
    await seedEndpoints(tenant, prefix, 101, secret);
    const invitation = await createInvitation(tenant.liveKey, {
      workflowToken: tenant.workflowToken,
      channel: "email",
      recipient: "many@example.com",
    });
    expect(await deliverWebhooksOf(webhooks.queue, tenant.organizationId)).toEqual([]);
    // 101 deliveries cannot go in one sendBatch (100 at most): two, and nothing lost between them.
    expect(deliveryBatchSizes()).toEqual([100, 1]);
    const deliveries = verifiedAt(prefix, () => secret);
    expect(deliveries).toHaveLength(101);
    expect(new Set(deliveries.map((d) => d.path)).size).toBe(101);
    expect(deliveries.every((d) => d.event.data.token === invitation.token)).toBe(true);
  });

  it("delivers an AutoDoc invitation with metadata at its maxima (50 keys × 500 characters) to 16 endpoints", {
    timeout: HEAVY_TEST_TIMEOUT,
  }, async ({ expect }) => {
    const tenant = await createTenant();
    const prefix = uniquePath("autodoc-max");
    const secrets = new Map<string, string>();
    for (let i = 0; i < 16; i += 1) {
      const path = `${prefix}/${i}`;
      secrets.set(path, await subscribeStandard(tenant, path));
    }
    // Two-byte characters: about 52 KB of metadata, all of which every endpoint must receive.
    const metadata = Object.fromEntries(
      Array.from({ length: 50 }, (_, i) => [`k${String(i).padStart(39, "0")}`, "é".repeat(499) + (i % 10)]),
    );
    const invitation = await createInvitation(tenant.liveKey, {
      workflowToken: tenant.workflowToken,
      channel: "email",
      recipient: "max-metadata@example.com",
      metadata,
    });
    const secretOf = (path: string) => secrets.get(path) ?? "";
    expect(await deliverWebhooksOf(webhooks.queue, tenant.organizationId)).toEqual([]);
    expect(deliveryBatchSizes()).toEqual([16]);
    const deliveries = verifiedAt(prefix, secretOf);
    expect(deliveries).toHaveLength(16);
    expect(new Set(deliveries.map((d) => d.path)).size).toBe(16);
    for (const delivery of deliveries) {
      expect(delivery.event).toMatchObject({ type: "invitation.created", data: { token: invitation.token } });
      expect(delivery.event.data.metadata).toEqual(metadata);
    }
    // One payload, rendered once: the same bytes under the same webhook-id at every endpoint.
    expect(new Set(deliveries.map((d) => d.headers["webhook-id"])).size).toBe(1);
    expect(new Set(deliveries.map((d) => d.body)).size).toBe(1);
  });

  it("delivers a Vortex invitation of nearly 64 KiB of JSON metadata to 5 Vortex endpoints", {
    timeout: HEAVY_TEST_TIMEOUT,
  }, async ({ expect }) => {
    const tenant = await createVortexTenant();
    const prefix = uniquePath("vortex-max");
    const endpoints = await Promise.all(
      [0, 1, 2, 3, 4].map(async (i) => ({
        path: `${prefix}/${i}`,
        ...(await subscribe(tenant, `${prefix}/${i}`)),
      })),
    );
    // Any JSON: nested, with characters JSON escapes and multi-byte ones, up to just under the request limit.
    const filler = (n: number) => ({
      notes: ['say "hi"\n', "ünïcödé ✓ 😀"],
      nested: { deep: [1, true, null] },
      blob: "x".repeat(n),
    });
    const size = (n: number) =>
      new TextEncoder().encode(
        JSON.stringify(
          createBody(tenant.widgetId, { type: "internal", value: "user-big" }, { metadata: filler(n) }),
        ),
      ).byteLength;
    const blob = REQUEST_LIMIT - 64 - size(0);
    const body = createBody(
      tenant.widgetId,
      { type: "internal", value: "user-big" },
      { metadata: filler(blob) },
    );
    expect(size(blob)).toBeGreaterThan(REQUEST_LIMIT - 100);
    const created = await vortex(tenant.vortexLive, "POST", "/invitations", body);
    expect(created.status, JSON.stringify(created.body).slice(0, 300)).toBe(201);
    expect(await deliverWebhooksOf(webhooks.queue, tenant.organizationId)).toEqual([]);
    for (const endpoint of endpoints) {
      const events = eventsAt(endpoint.path, endpoint.secret);
      expect(events).toHaveLength(1);
      const [event] = events;
      expect(event).toMatchObject({ type: "invitation.created", data: { invitationId: created.body.id } });
      expect(event?.data.metadata).toEqual(filler(blob));
    }
  });
});
