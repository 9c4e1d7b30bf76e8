import { createApp } from "./app";
import { consumeDeliveries } from "./delivery/consumer";
import { consumeDeadDeliveries } from "./delivery/dead-letter-consumer";
import { runScheduled } from "./scheduled";
import { consumeDeadWebhooks, consumeWebhooks } from "./webhooks/customer/consumer";
import { consumeEmailEvents } from "./webhooks/providers/cloudflare-email-events";

const app = createApp();

/** Queue names may carry an environment suffix (`deliveries-staging`), so they are matched by prefix. */
const CONSUMERS: [prefix: string, consume: (batch: MessageBatch<unknown>, env: Env) => Promise<void>][] = [
  ["deliveries-dlq", consumeDeadDeliveries],
  ["deliveries", consumeDeliveries],
  ["webhooks-dlq", consumeDeadWebhooks],
  ["webhooks", consumeWebhooks],
  ["email-events", consumeEmailEvents],
];

export default {
  fetch: app.fetch,
  async queue(batch, env) {
    const consumer = CONSUMERS.find(([prefix]) => batch.queue.startsWith(prefix));
    if (!consumer) throw new Error(`No consumer for queue ${batch.queue}`);
    await consumer[1](batch, env);
  },
  async scheduled(controller, env, ctx) {
    ctx.waitUntil(runScheduled(controller.cron, env));
  },
} satisfies ExportedHandler<Env>;

export { OrgThrottle } from "./durable-objects/org-throttle";
export { SendGate } from "./durable-objects/send-gate";
