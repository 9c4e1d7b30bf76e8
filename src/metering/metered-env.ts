import { type D1Recorder, type D1Route, meterD1 } from "../db/metered-d1";
import { meterNamespace, meterQueue } from "./metered-bindings";
import type { SimulatedLatency } from "./settings";
import type { Tally } from "./tally";

/** Set on a metered env, so that a metered invocation is never metered twice. */
const METERED = Symbol("metered");

export interface EnvMeter {
  tally: Tally;
  /** Told of every D1 round trip besides the tally (e.g. one request's own counts). */
  d1Recorders?: readonly D1Recorder[];
  latency: SimulatedLatency | null;
  /** How a simulated latency is waited out (`scheduler.wait` in the Worker; tests count the calls). */
  wait: (ms: number) => Promise<unknown>;
}

/**
 * The bindings, metered: every D1 database (and its sessions), every queue producer and every Durable Object
 * namespace in `env`, found by what they are, so a binding added later is counted without being listed.
 * Every other value is the same as in `env`.
 */
export function meterEnv(env: Env, meter: EnvMeter): Env {
  const { latency, wait } = meter;
  const beforeRoundTrip = latency
    ? (route: D1Route) => {
        const ms = route === "primary" ? latency.primaryMs : latency.replicaMs;
        return ms > 0 ? wait(ms) : undefined;
      }
    : undefined;
  const d1 = { recorders: [meter.tally, ...(meter.d1Recorders ?? [])], beforeRoundTrip };
  const metered: Record<string | symbol, unknown> = { [METERED]: true };
  for (const [name, binding] of Object.entries(env)) {
    if (isD1Database(binding)) metered[name] = meterD1(binding, d1);
    else if (isQueue(binding))
      metered[name] = meterQueue(binding, (n) => meter.tally.queueMessagesSent(name, n));
    else if (isNamespace(binding))
      metered[name] = meterNamespace(binding, () => meter.tally.durableObjectRequest(name));
  }
  return Object.assign({}, env, metered);
}

/** True for an env meterEnv made. */
export function isMetered(env: Env): boolean {
  return METERED in env;
}

function hasMethods(value: unknown, names: readonly string[]): value is object {
  return (
    typeof value === "object" &&
    value !== null &&
    names.every((name) => typeof Reflect.get(value, name) === "function")
  );
}

function isD1Database(value: unknown): value is D1Database {
  return hasMethods(value, ["prepare", "batch", "exec"]);
}

function isQueue(value: unknown): value is Queue {
  return hasMethods(value, ["send", "sendBatch"]);
}

function isNamespace(value: unknown): value is object {
  return hasMethods(value, ["idFromName", "get"]);
}
