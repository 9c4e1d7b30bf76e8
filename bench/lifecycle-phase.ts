// The lifecycle figures of one bench run (lifecycle.ts): two fresh organizations in test mode, one without a
// webhook endpoint and one with an endpoint subscribed to every event type on this machine (answering 200),
// then one tick of the minute cron.
import { WEBHOOK_EVENT_TYPES } from "../src/webhooks/customer/event-types.ts";
import type { Worker } from "../tools/local-worker.ts";
import { expectStatus } from "./http.ts";
import {
  type Figures,
  type LifecycleFigures,
  type LifecycleRun,
  measureCronTick,
  measureLifecycle,
} from "./lifecycle.ts";
import { createTenant } from "./seed.ts";
import type { WebhookReceiver } from "./webhook-receiver.ts";

export interface LifecyclePhase {
  noEndpoint: LifecycleFigures;
  oneEndpoint: LifecycleFigures;
  cronTick: Figures;
}

export async function lifecyclePhase(
  run: LifecycleRun,
  worker: Worker,
  receiver: WebhookReceiver,
  invitations: number,
): Promise<LifecyclePhase> {
  const quiet = await createTenant(run.api, run.adminToken);
  const subscribed = await createTenant(run.api, run.adminToken);
  const body = { url: receiver.url, events: [...WEBHOOK_EVENT_TYPES] };
  const headers = { Authorization: `Bearer ${subscribed.testKey}` };
  await expectStatus(run.api, { method: "POST", path: "/v1/autodoc/webhook_endpoints", headers, body }, 201);
  return {
    noEndpoint: await measureLifecycle(run, quiet, invitations, null),
    oneEndpoint: await measureLifecycle(run, subscribed, invitations, receiver),
    cronTick: await measureCronTick(run, worker),
  };
}
