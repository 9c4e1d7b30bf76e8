import fc from "fast-check";
import { vi } from "vitest";
import { attempt, describeRequest, drawDigest, type Handler, workerFetch } from "./fuzz-attempt";
import type { FuzzRequest } from "./fuzz-requests";
import { changedKeys, type WriteObserver } from "./write-observer";

/** The fake clock moves this far per request, so per-minute budgets (20 resends) never hide deeper answers. */
const CLOCK_STEP_MS = 3_100;

export interface FuzzOptions {
  /** Random requests per endpoint, on top of the boundary requests. */
  cases: number;
  /** Requests sent concurrently per fast-check run; the write check runs once per batch. */
  batch: number;
  seed?: number;
  /** Values of this run's fixtures (ids, keys): left out of `draw`, so that a replay draws the same digest. */
  fixtureValues?: string[];
  /** What answers a request: the Worker's own fetch handler unless a test puts something before it. */
  handler?: Handler;
}

export interface FuzzStats {
  /** fast-check's seed for the random cases: `FUZZ_SEED=<seed>` replays them. */
  seed: number;
  cases: number;
  /** Of the cases, the deterministic boundary requests (each bound at its value and one past it). */
  boundaries: number;
  statuses: Record<string, number>;
  /** A digest of the requests drawn (fixture values left out): the same seed draws the same digest. */
  draw: string;
  /** 4xx requests run again at the end because their batch changed something (a 2xx, or background work). */
  rechecked: number;
  ms: number;
}

/** Runs a refused request alone on a settled database, twice if need be: a write it still makes is its own. */
async function attribute(request: FuzzRequest, observer: WriteObserver, handler: Handler): Promise<void> {
  let changed: string[] = [];
  for (let round = 0; round < 2; round += 1) {
    const quiet = await observer.settle();
    const outcome = await attempt(request, handler);
    changed = changedKeys(quiet, await observer.snapshot());
    if (outcome.status < 400 || changed.length === 0) return;
  }
  throw new Error(`a refused request wrote ${changed.join(", ")}: ${describeRequest(request)}`);
}

/**
 * Refused requests whose batch changed something (a 2xx among them, or background work of an earlier one)
 * run again at the end, on a settled database, a batch at a time; a batch that still changes something is
 * run one request at a time to find the writer. Settling once instead of after every such batch keeps
 * endpoints that often answer 2xx (creation) fast.
 */
async function recheck(refused: FuzzRequest[], observer: WriteObserver, size: number, handler: Handler) {
  let before = await observer.settle();
  for (let i = 0; i < refused.length; i += size) {
    const chunk = refused.slice(i, i + size);
    await Promise.all(chunk.map((request) => attempt(request, handler)));
    const after = await observer.snapshot();
    if (changedKeys(before, after).length > 0) {
      for (const request of chunk) await attribute(request, observer, handler);
      before = await observer.snapshot();
    } else before = after;
  }
}

/**
 * The fuzz properties for one endpoint: never a 5xx (nor a 3xx), a 4xx always in the dialect's error shape,
 * and a 4xx writes nothing: no D1 row inserted, updated or deleted, no queue message. Every boundary
 * request first, then `cases` random ones from `seed` (random unless given); a failure names the seed.
 */
export async function fuzzEndpoint(
  requests: fc.Arbitrary<FuzzRequest>,
  boundaries: FuzzRequest[],
  observer: WriteObserver,
  options: FuzzOptions,
): Promise<FuzzStats> {
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
  try {
    return await run(requests, boundaries, observer, { ...options, seed });
  } catch (error) {
    throw new Error(
      `FUZZ_SEED=${seed} replays this: ${error instanceof Error ? error.message : String(error)}`,
      {
        cause: error,
      },
    );
  }
}

async function run(
  requests: fc.Arbitrary<FuzzRequest>,
  boundaries: FuzzRequest[],
  observer: WriteObserver,
  options: FuzzOptions & { seed: number },
): Promise<FuzzStats> {
  const { seed, handler = workerFetch } = options;
  const stats: FuzzStats = { seed, cases: 0, boundaries: 0, statuses: {}, draw: "", rechecked: 0, ms: 0 };
  const draw = drawDigest(options.fixtureValues ?? []);
  const started = performance.now();
  let before = await observer.settle();
  const deferred: FuzzRequest[] = [];
  let clock = Date.now();
  /** Sends a batch at once and checks it: no bad answer, and a 4xx writes nothing (rechecked when unsure). */
  async function runBatch(list: FuzzRequest[]): Promise<void> {
    clock += CLOCK_STEP_MS * list.length;
    vi.setSystemTime(clock);
    const outcomes = await Promise.all(list.map((request) => attempt(request, handler)));
    for (const { request, answer } of outcomes) {
      stats.cases += 1;
      stats.statuses[answer] = (stats.statuses[answer] ?? 0) + 1;
      draw.add(request);
    }
    const bad = outcomes.find((o) => o.problem !== null);
    if (bad) throw new Error(`${bad.problem} ← ${describeRequest(bad.request)}`);
    const after = await observer.snapshot();
    if (changedKeys(before, after).length > 0) {
      deferred.push(...outcomes.filter((o) => o.status >= 400).map((o) => o.request));
    }
    before = after;
  }
  vi.useFakeTimers({ toFake: ["Date"] });
  try {
    for (let i = 0; i < boundaries.length; i += options.batch) {
      await runBatch(boundaries.slice(i, i + options.batch));
    }
    stats.boundaries = boundaries.length;
    const batch = fc.array(requests, { minLength: options.batch, maxLength: options.batch });
    const runs = Math.ceil(options.cases / options.batch);
    await fc.assert(fc.asyncProperty(batch, runBatch), { numRuns: runs, seed });
    stats.rechecked = deferred.length;
    await recheck(deferred, observer, options.batch, handler);
  } finally {
    vi.useRealTimers();
  }
  await observer.settle();
  stats.draw = draw.value();
  stats.ms = Math.round(performance.now() - started);
  return stats;
}
