import type { Database } from "../db/client";
import { type Plan, runPlan } from "../db/plan";
import type { RecordedEvent } from "../db/timeline";
import type { DeliveryMessage } from "../delivery/message";
import { log } from "../log";
import { sendMessages } from "../queues/producer";
import { planDispatch } from "../webhooks/customer/dispatch-plan";

/** Where a write runs: the bindings, the database, and in a request the way to work after the response. */
export interface CommitContext {
  env: Env;
  db: Database;
  /** In a request, webhook fan-outs are handed over after the response; elsewhere they are awaited. */
  waitUntil?: (promise: Promise<unknown>) => void;
}

/** What a committed write owes the queues: fan-outs of its new webhook events, and sends to make. */
export interface Effects {
  events?: RecordedEvent[];
  sends?: DeliveryMessage[];
  /** Webhook events (by id) to fan out again: the repair of a fan-out whose message was lost. */
  fanouts?: number[];
}

/**
 * The one way a write that records events or starts a send happens: its statements as one `db.batch()` (all
 * or nothing), then its effects published. Answers the write's value.
 */
export async function commit<T>(
  ctx: CommitContext,
  write: Plan<T>,
  sendsOf: (value: T) => DeliveryMessage[] = () => [],
): Promise<T> {
  const { value, events } = await runPlan(ctx.db, write);
  await publish(ctx, { events, sends: sendsOf(value) });
  return value;
}

/**
 * Hands a write's effects to the queues, the only place that does (besides the fan-out consumer forwarding
 * deliveries). The sends are awaited; a failure is logged, not thrown: the write is stored, and the minute
 * sweeper enqueues a pending invitation whose message never arrived, and fans out an event still
 * undispatched after a minute. The repair paths use it to hand stored work back.
 *
 * Webhook events: one that no endpoint subscribes to was dispatched by its own insert and costs nothing
 * here; the deliveries of the others go in one sendBatch when they fit (planDispatch), the rest as fan-outs.
 */
export async function publish(ctx: CommitContext, effects: Effects): Promise<void> {
  const sends = effects.sends ?? [];
  if (sends.length > 0) {
    try {
      await sendMessages(ctx.env.DELIVERIES, sends);
    } catch (error) {
      log("warn", "enqueue_failed", {
        tokens: sends.map((send) => send.invitationToken),
        error: String(error),
      });
    }
  }
  const { deliveries, fanouts } = planDispatch(effects.events ?? [], effects.fanouts ?? []);
  if (deliveries.length + fanouts.length === 0) return;
  const dispatch = Promise.all([
    sendMessages(ctx.env.WEBHOOKS, deliveries).catch((error: unknown) => {
      log("warn", "webhook_dispatch_failed", { deliveries: deliveries.length, error: String(error) });
    }),
    sendMessages(ctx.env.WEBHOOKS, fanouts).catch((error: unknown) => {
      log("warn", "webhook_dispatch_failed", { events: fanouts.length, error: String(error) });
    }),
  ]);
  if (ctx.waitUntil) ctx.waitUntil(dispatch);
  else await dispatch;
}
