import { createApp } from "./app";
import { createConfigurationAudit } from "./config/config-audit";
import { consumeDeliveries } from "./delivery/consumer";
import { consumeDeadDeliveries } from "./delivery/dead-letter-consumer";
import { consumeDeadLinkVisits, consumeLinkVisits } from "./links/visit-consumer";
import { withMetering } from "./metering/handler";
import { runScheduled } from "./scheduled/index";
import { consumeDeadWebhooks, consumeWebhooks } from "./webhooks/customer/consumer";
import { consumeEmailEvents } from "./webhooks/providers/cloudflare-email-events";

const app = createApp();
const auditConfiguration = createConfigurationAudit();

/** Queue names may carry an environment suffix (`deliveries-staging`), so they are matched by prefix. */
const CONSUMERS: [prefix: string, consume: (batch: MessageBatch<unknown>, env: Env) => Promise<void>][] = [
  ["deliveries-dlq", consumeDeadDeliveries],
  ["deliveries", consumeDeliveries],
  ["webhooks-dlq", consumeDeadWebhooks],
  ["webhooks", consumeWebhooks],
  ["email-events", consumeEmailEvents],
  ["link-visits-dlq", consumeDeadLinkVisits],
  ["link-visits", consumeLinkVisits],
];

// Metered only under the bench's settings (src/metering/handler.ts); otherwise each handler gets its env as is.
export default withMetering({
  fetch(request, env, ctx) {
    auditConfiguration(env);
    return app.fetch(request, env, ctx);
  },
  async queue(batch, env) {
    auditConfiguration(env);
    const consumer = CONSUMERS.find(([prefix]) => batch.queue.startsWith(prefix));
    if (!consumer) throw new Error(`No consumer for queue ${batch.queue}`);
    await consumer[1](batch, env);
  },
  async scheduled(controller, env, ctx) {
    auditConfiguration(env);
    ctx.waitUntil(runScheduled(controller.cron, env));
  },
}) satisfies ExportedHandler<Env>;

export { OrgThrottle } from "./durable-objects/org-throttle";
export { RequestHistory } from "./durable-objects/request-history";
export { SendGate } from "./durable-objects/send-gate";
