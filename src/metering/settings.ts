// The metering's two settings, both absent from wrangler.toml (so off in production) and set only by
// `npm run bench` and tests. Pure: no Workers types, tested in plain Node.

/** Milliseconds added before each D1 round trip, by where it goes (see src/db/metered-d1.ts). */
export interface SimulatedLatency {
  primaryMs: number;
  replicaMs: number;
}

/** What the metering does for one invocation; null when it is off and the bindings are left untouched. */
export interface MeteringSettings {
  latency: SimulatedLatency | null;
}

/** The longest simulated wait: a D1 query is refused after 30 s, and the bench's figures are near 100 ms. */
export const MAX_SIMULATED_LATENCY_MS = 10_000;

const KEYS = { primary: "primaryMs", replica: "replicaMs" } as const;

/** Metering is on with `D1_METRICS = "on"` or any `D1_SIMULATED_LATENCY`; off otherwise. */
export function meteringSettings(vars: {
  D1_METRICS?: string | undefined;
  D1_SIMULATED_LATENCY?: string | undefined;
}): MeteringSettings | null {
  const latency = vars.D1_SIMULATED_LATENCY ? parseSimulatedLatency(vars.D1_SIMULATED_LATENCY) : null;
  if (latency === null && vars.D1_METRICS !== "on") return null;
  return { latency };
}

/**
 * `D1_SIMULATED_LATENCY = "primary=100,replica=5"`: both keys, each a whole number of milliseconds from 0 to
 * MAX_SIMULATED_LATENCY_MS. Anything else throws, naming the setting: a bench run on a mistyped setting
 * would measure something else.
 */
export function parseSimulatedLatency(value: string): SimulatedLatency {
  const found: Partial<SimulatedLatency> = {};
  for (const part of value.split(",")) {
    const match = part.trim().match(/^(primary|replica)=(\d{1,6})$/);
    const key = match?.[1] === "primary" || match?.[1] === "replica" ? KEYS[match[1]] : undefined;
    const ms = Number(match?.[2]);
    if (key === undefined || found[key] !== undefined || ms > MAX_SIMULATED_LATENCY_MS) {
      throw new Error(
        `D1_SIMULATED_LATENCY: "${value}" is not primary=<ms>,replica=<ms> with each value 0…${MAX_SIMULATED_LATENCY_MS}.`,
      );
    }
    found[key] = ms;
  }
  const { primaryMs, replicaMs } = found;
  if (primaryMs === undefined || replicaMs === undefined) {
    throw new Error(`D1_SIMULATED_LATENCY: "${value}" must name both primary=<ms> and replica=<ms>.`);
  }
  return { primaryMs, replicaMs };
}
