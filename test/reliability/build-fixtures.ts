import { env } from "cloudflare:workers";
import { admin, call, createInvitation } from "../helpers/api";
import { waitForStatus } from "../helpers/queue";
import { createVortexInvitation, createVortexTenant, vortex, waitForVortexStatus } from "../helpers/vortex";
import {
  ALL_FIXTURES,
  AUTOJOIN_DOMAIN,
  FIXTURE_RECIPIENT,
  type FixtureName,
  type Fixtures,
  type Mode,
  SCOPE,
} from "./fixtures";

/**
 * An organization with Vortex keys and a widget configuration, and those objects of `needed` that need
 * making, in the given mode: a sent AutoDoc invitation, a webhook endpoint, a sent Vortex e-mail invitation
 * in a scope, an API key, a Vortex key, a Vortex webhook. Ids of objects not made are ids nothing has.
 */
export async function buildFixtures(mode: Mode, needed: Set<FixtureName> = ALL_FIXTURES): Promise<Fixtures> {
  const tenant = await createVortexTenant();
  const key = mode === "live" ? tenant.liveKey : tenant.testKey;
  const vortexKey = mode === "live" ? tenant.vortexLive : tenant.vortexTest;
  const otherKey = mode === "live" ? tenant.testKey : tenant.liveKey;
  const otherVortexKey = mode === "live" ? tenant.vortexTest : tenant.vortexLive;
  // A workflow token of this organization and mode only (every tenant has `wf_onboarding`).
  const workflow = `wf_${crypto.randomUUID().slice(0, 12)}`;
  await call("POST", "/v1/autodoc/workflows", { token: key, body: { name: "Fixture", token: workflow } });
  const ids: Record<FixtureName, string> = {
    invitation: "adi_NotMadeForThisTenant0000",
    workflow,
    webhookEndpoint: "we_NotMadeForThisTenant00000",
    vortexInvitation: crypto.randomUUID(),
    scopeType: SCOPE.type,
    scope: SCOPE.id,
    slug: tenant.slug,
    apiKey: "key_NotMadeForThisTenant0000",
    vortexKey: crypto.randomUUID(),
    vortexWebhook: "vwh_NotMadeForThisTenant0000",
  };
  const waits: Promise<unknown>[] = [];
  if (needed.has("invitation")) {
    const invitation = await createInvitation(key, {
      workflowToken: workflow,
      channel: "email",
      recipient: FIXTURE_RECIPIENT,
    });
    ids.invitation = invitation.token;
    waits.push(waitForStatus(key, invitation.token, ["sent"]));
  }
  if (needed.has("webhookEndpoint")) {
    const endpoint = await call("POST", "/v1/autodoc/webhook_endpoints", {
      token: key,
      // An event these tests never cause, so the endpoint receives nothing in the background.
      body: { url: "https://customer.example/fixture", events: ["invitation.expired"] },
    });
    ids.webhookEndpoint = String(endpoint.body.id);
  }
  if (needed.has("apiKey")) {
    ids.apiKey = String((await admin("POST", `/organizations/${tenant.slug}/keys`, { mode })).body.id);
  }
  if (needed.has("vortexKey")) {
    // A key of its own: revoking it must not lock out the key these fixtures authenticate with.
    const made = await admin("POST", `/organizations/${tenant.slug}/vortex-keys`, { mode });
    ids.vortexKey = String(made.body.id);
  }
  if (needed.has("vortexWebhook")) {
    const hook = await admin("POST", `/organizations/${tenant.slug}/vortex-webhooks`, {
      url: "https://customer.example/vortex-fixture",
      events: ["invitation.accepted"],
      mode,
    });
    ids.vortexWebhook = String(hook.body.id);
  }
  if (needed.has("vortexInvitation")) {
    const target = { type: "email", value: FIXTURE_RECIPIENT };
    ids.vortexInvitation = await createVortexInvitation(vortexKey, tenant.widgetId, target);
    waits.push(waitForVortexStatus(vortexKey, ids.vortexInvitation, ["sent"]));
  }
  if (needed.has("scope")) {
    // The scope also gets autojoin domains, so the scope's autojoin answer has something to leak.
    const autojoin = {
      scope: SCOPE.id,
      scopeType: SCOPE.type,
      domains: [AUTOJOIN_DOMAIN],
      componentId: tenant.widgetId,
    };
    await vortex(vortexKey, "POST", "/invitations/autojoin", autojoin);
  }
  await Promise.all(waits);
  return {
    slug: tenant.slug,
    mode,
    auth: {
      autodoc: { Authorization: `Bearer ${key}` },
      vortex: { "x-api-key": vortexKey },
      admin: { Authorization: `Bearer ${env.ADMIN_TOKEN}` },
    },
    otherMode: { autodoc: { Authorization: `Bearer ${otherKey}` }, vortex: { "x-api-key": otherVortexKey } },
    ids,
    widgetId: tenant.widgetId,
  };
}
