import {
  createExecutionContext,
  createMessageBatch,
  createScheduledController,
  waitOnExecutionContext,
} from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, it } from "vitest";
import { parseD1RouteTiming, parseD1ServerTiming } from "../../src/db/d1-server-timing";
import worker from "../../src/index";
import { type WorkerHandlers, withMetering } from "../../src/metering/handler";
import { isolateTally, Tally } from "../../src/metering/tally";
import { API, createInvitation, createTenant } from "../helpers/api";

const ON = { ...env, D1_METRICS: "on" };

/** The Worker's own handlers, metered into a fresh tally; simulated waits are recorded, never slept. */
function meteredWorker() {
  const tally = new Tally();
  const waits: number[] = [];
  const handlers = withMetering(worker, {
    tally,
    wait: async (ms) => {
      waits.push(ms);
    },
  });
  return { handlers, tally, waits };
}

async function getInvitation(handlers: WorkerHandlers, runEnv: Env) {
  const tenant = await createTenant();
  const { token } = await createInvitation(tenant.testKey, {
    workflowToken: tenant.workflowToken,
    channel: "email",
    recipient: "metering@example.com",
  });
  const ctx = createExecutionContext();
  const request = new Request(`${API}/v1/autodoc/invitations/${token}`, {
    headers: { Authorization: `Bearer ${tenant.testKey}` },
  });
  const res = await handlers.fetch(request, runEnv, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

describe("metering of the Worker's handlers", () => {
  it("hands every handler its env untouched when metering is off, and returns its own result", async ({
    expect,
  }) => {
    const seen: Env[] = [];
    const answer = new Response("ok");
    const done = { queue: Promise.resolve(), scheduled: Promise.resolve() };
    const tally = new Tally();
    const handlers = withMetering(
      {
        fetch: (_request, runEnv) => {
          seen.push(runEnv);
          return answer;
        },
        queue: (_batch, runEnv) => {
          seen.push(runEnv);
          return done.queue;
        },
        scheduled: (_controller, runEnv) => {
          seen.push(runEnv);
          return done.scheduled;
        },
      },
      { tally },
    );
    const ctx = createExecutionContext();
    expect(handlers.fetch(new Request(`${API}/healthz`), env, ctx)).toBe(answer);
    expect(handlers.queue(createMessageBatch("webhooks", []), env, ctx)).toBe(done.queue);
    const controller = createScheduledController({ cron: "* * * * *" });
    expect(handlers.scheduled(controller, env, ctx)).toBe(done.scheduled);
    expect(seen).toHaveLength(3);
    for (const runEnv of seen) expect(runEnv).toBe(env);
    expect(tally.snapshot().invocations).toEqual({ fetch: 0, scheduled: 0, queues: {} });
  });

  it("counts a fetch, and its response reports the same D1 work in Server-Timing", async ({ expect }) => {
    const { handlers, tally } = meteredWorker();
    const res = await getInvitation(handlers, ON);
    expect(res.status).toBe(200);
    const counts = parseD1ServerTiming(res.headers.get("Server-Timing"));
    const routes = parseD1RouteTiming(res.headers.get("Server-Timing"));
    const { d1, invocations } = tally.snapshot();
    expect(invocations.fetch).toBe(1);
    expect(counts?.roundTrips).toBeGreaterThanOrEqual(1);
    expect({ ...counts, ...routes }).toEqual(d1);
    expect(routes).toEqual({ primaryRoundTrips: counts?.roundTrips, sessionRoundTrips: 0 });
  });

  it("counts a queue batch and its messages by queue, and a scheduled run with its D1 work", async ({
    expect,
  }) => {
    const { handlers, tally } = meteredWorker();
    // Two messages the webhooks consumer drops as invalid (logged and acked): no D1, no queue work.
    const batch = createMessageBatch("webhooks", [
      { id: "metering-1", timestamp: new Date(), attempts: 1, body: { probe: 1 } },
      { id: "metering-2", timestamp: new Date(), attempts: 1, body: { probe: 2 } },
    ]);
    await handlers.queue(batch, ON, createExecutionContext());
    expect(tally.snapshot().invocations.queues).toEqual({ webhooks: { batches: 1, messages: 2 } });
    const ctx = createExecutionContext();
    await handlers.scheduled(createScheduledController({ cron: "* * * * *" }), ON, ctx);
    await waitOnExecutionContext(ctx);
    const { invocations, d1 } = tally.snapshot();
    expect(invocations.scheduled).toBe(1);
    // The sweeper and the webhook repair each read D1 at least once.
    expect(d1.roundTrips).toBeGreaterThanOrEqual(2);
  });

  it("makes each primary round trip wait the simulated latency, under D1_SIMULATED_LATENCY alone", async ({
    expect,
  }) => {
    const { handlers, tally, waits } = meteredWorker();
    const res = await getInvitation(handlers, { ...env, D1_SIMULATED_LATENCY: "primary=100,replica=5" });
    expect(res.status).toBe(200);
    const { d1 } = tally.snapshot();
    expect(d1.primaryRoundTrips).toBeGreaterThanOrEqual(1);
    expect(waits).toEqual(Array.from({ length: d1.roundTrips }, () => 100));
  });

  it("meters an invocation once, however many times the handlers are wrapped", async ({ expect }) => {
    const before = isolateTally.snapshot().invocations.fetch;
    const { handlers, tally } = meteredWorker();
    const res = await getInvitation(withMetering(handlers, { tally }), ON);
    expect(res.headers.get("Server-Timing")?.match(/\bd1;/g)).toHaveLength(1);
    expect(tally.snapshot().invocations.fetch).toBe(1);
    // The Worker's own wrapping (this isolate's tally) saw an env metered already.
    expect(isolateTally.snapshot().invocations.fetch).toBe(before);
  });
});
