import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { D1Metrics } from "../../src/db/d1-metrics";
import worker from "../../src/index";

/** What one request wrote: D1's own `rows_written`, summed over its statements, and the messages it queued. */
export interface RequestWrites {
  rowsWritten: number;
  queued: { queue: string; body: unknown }[];
}

/** A queue binding that records what is sent through it, then sends it on to the real queue. */
function recordingQueue(name: string, queue: Queue, queued: RequestWrites["queued"]): Queue {
  return {
    async send(body, options) {
      queued.push({ queue: name, body });
      return queue.send(body, options);
    },
    async sendBatch(messages, options) {
      const all = [...messages];
      for (const message of all) queued.push({ queue: name, body: message.body });
      return queue.sendBatch(all, options);
    },
    metrics: () => queue.metrics(),
  };
}

/**
 * Runs one request through the Worker's fetch handler with its `waitUntil` work, on bindings that observe
 * it: D1 metered by the app's own D1Metrics (D1's `meta.rows_written` of every statement, `raw()` ones
 * included), the queues recorded. What other work in the shared runtime writes at the same time (a
 * background consumer of another file) is not counted: only this request's bindings are observed.
 */
export async function observedFetch(request: Request): Promise<{ res: Response; writes: RequestWrites }> {
  const metrics = new D1Metrics();
  const queued: RequestWrites["queued"] = [];
  const observed: Env = {
    ...env,
    DB: metrics.wrap(env.DB),
    DELIVERIES: recordingQueue("deliveries", env.DELIVERIES, queued),
    WEBHOOKS: recordingQueue("webhooks", env.WEBHOOKS, queued),
  };
  const ctx = createExecutionContext();
  const res = await worker.fetch(request, observed, ctx);
  const text = await res.text();
  await waitOnExecutionContext(ctx);
  return { res: new Response(text, res), writes: { rowsWritten: metrics.rowsWritten, queued } };
}
