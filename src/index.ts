import { createApp } from "./app";
import { consumeDeliveries } from "./delivery/consumer";
import { consumeDeadDeliveries } from "./delivery/dead-letter-consumer";
import { sweepStuckDeliveries } from "./delivery/sweeper";

const app = createApp();

export default {
  fetch: app.fetch,
  async queue(batch, env) {
    // Dead-letter queues are named after their source queue with a `-dlq` suffix.
    if (batch.queue.endsWith("-dlq")) await consumeDeadDeliveries(batch, env);
    else await consumeDeliveries(batch, env);
  },
  async scheduled(_controller, env, ctx) {
    ctx.waitUntil(sweepStuckDeliveries(env));
  },
} satisfies ExportedHandler<Env>;

export { OrgThrottle } from "./durable-objects/org-throttle";
export { SendGate } from "./durable-objects/send-gate";
