import { D1Metrics } from "../db/d1-metrics";
import { type EnvMeter, isMetered, meterEnv } from "./metered-env";
import { type MeteringSettings, meteringSettings } from "./settings";
import { isolateTally, type Tally } from "./tally";

/** The Worker's handlers that metering wraps (the queue handler needs no context: tests call it without). */
export interface WorkerHandlers {
  fetch(request: Request, env: Env, ctx: ExecutionContext): Response | Promise<Response>;
  queue(batch: MessageBatch<unknown>, env: Env, ctx?: ExecutionContext): Promise<void>;
  scheduled(controller: ScheduledController, env: Env, ctx: ExecutionContext): Promise<void>;
}

export interface MeteringOptions {
  /** Where to count; this isolate's tally when left out. */
  tally?: Tally;
  /** How simulated latency is waited out; `scheduler.wait` when left out. */
  wait?: EnvMeter["wait"];
}

/** The tally's own route (src/dev/metering.ts): reading the count is not counted. */
export const TALLY_PATH = "/dev/metering";

/**
 * The handlers, metered when `D1_METRICS = "on"` or `D1_SIMULATED_LATENCY` is set (src/metering/settings.ts):
 * each fetch, queue batch and cron run then gets bindings that count into the tally (metered-env.ts), and
 * each response reports its own D1 work in `Server-Timing` (d1-metrics.ts). With both settings absent, as
 * in production, every handler receives the env it was given, untouched.
 */
export function withMetering(handlers: WorkerHandlers, options: MeteringOptions = {}): WorkerHandlers {
  const tally = options.tally ?? isolateTally;
  const wait = options.wait ?? ((ms: number) => scheduler.wait(ms));
  /** The settings of a metered invocation; null (all that production ever checks) when it is not metered. */
  const settingsOf = (env: Env): MeteringSettings | null => (isMetered(env) ? null : meteringSettings(env));
  const meter = (env: Env, settings: MeteringSettings, request?: D1Metrics): Env =>
    meterEnv(env, { tally, latency: settings.latency, wait, d1Recorders: request ? [request] : [] });
  // Off, each handler is called as is and its own result returned: not even a promise is added.
  return {
    fetch(request, env, ctx) {
      const settings = settingsOf(env);
      if (settings === null || new URL(request.url).pathname.startsWith(TALLY_PATH)) {
        return handlers.fetch(request, env, ctx);
      }
      tally.fetchInvocation();
      const counts = new D1Metrics();
      return timed(handlers.fetch(request, meter(env, settings, counts), ctx), counts);
    },
    queue(batch, env, ctx) {
      const settings = settingsOf(env);
      if (settings === null) return handlers.queue(batch, env, ctx);
      return handlers
        .queue(batch, meter(env, settings), ctx)
        .finally(() => tally.queueInvocation(batch.queue, batch.messages.length));
    },
    scheduled(controller, env, ctx) {
      const settings = settingsOf(env);
      if (settings === null) return handlers.scheduled(controller, env, ctx);
      tally.scheduledInvocation();
      return handlers.scheduled(controller, meter(env, settings), ctx);
    },
  };
}

/** The response with the request's D1 work in Server-Timing (on a copy: its headers may be immutable). */
async function timed(response: Response | Promise<Response>, counts: D1Metrics): Promise<Response> {
  const answer = await response;
  const copy = new Response(answer.body, answer);
  copy.headers.append("Server-Timing", counts.serverTiming());
  return copy;
}
