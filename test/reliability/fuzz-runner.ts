import { createExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import fc from "fast-check";
import { vi } from "vitest";
import worker from "../../src/index";
import { checkErrorShape, dialectOfPath } from "./error-shapes";
import type { FuzzRequest } from "./fuzz-requests";
import { changedKeys, type WriteObserver } from "./write-observer";

const API = "https://api.auto-doc.test";
/** The fake clock moves this far per request, so per-minute budgets (20 resends) never hide deeper answers. */
const CLOCK_STEP_MS = 3_100;

export interface FuzzOptions {
  /** Requests per endpoint. */
  cases: number;
  /** Requests sent concurrently per fast-check run; the write check runs once per batch. */
  batch: number;
  seed?: number;
}

export interface FuzzStats {
  /** fast-check's seed for the random cases: `FUZZ_SEED=<seed>` replays them. */
  seed: number;
  cases: number;
  /** Of the cases, the deterministic boundary requests (each bound at its value and one past it). */
  boundaries: number;
  statuses: Record<string, number>;
  /** Per kind of request, how many got each status. */
  kinds: Record<string, Record<string, number>>;
  /** 4xx requests run again at the end because their batch changed something (a 2xx, or background work). */
  rechecked: number;
  ms: number;
}

interface Outcome {
  request: FuzzRequest;
  status: number;
  /** The status, with the error code where the dialect has one: `409 delivery_in_flight`. */
  answer: string;
  problem: string | null;
}

function describe(request: FuzzRequest): string {
  const body = request.body === undefined ? "(none)" : JSON.stringify(request.body.slice(0, 300));
  return `${request.kind}: ${request.method} ${request.path.slice(0, 200)} headers ${JSON.stringify(request.headers)} body ${body}`;
}

async function attempt(request: FuzzRequest): Promise<Outcome> {
  const url = new URL(`${API}${request.path}`);
  const init = {
    method: request.method,
    headers: request.headers,
    ...(request.body === undefined ? {} : { body: request.body }),
  };
  // The Worker's own fetch handler, called in-process: a third cheaper than a round trip through the runtime.
  const res = await worker.fetch(new Request(url, init), env, createExecutionContext());
  let problem: string | null = null;
  let answer = String(res.status);
  if (res.status >= 500) problem = `HTTP ${res.status}: ${(await res.text()).slice(0, 300)}`;
  else if (request.expectStatus !== undefined && res.status !== request.expectStatus) {
    problem = `HTTP ${res.status} where ${request.expectStatus} was due: ${(await res.text()).slice(0, 300)}`;
  } else if (res.status >= 400) {
    const shape = await checkErrorShape(dialectOfPath(url.pathname), res);
    problem = shape.problem;
    if (shape.code) answer = `${res.status} ${shape.code}`;
  } else {
    await res.body?.cancel();
    if (res.status >= 300) problem = `unexpected HTTP ${res.status}`;
  }
  return { request, status: res.status, answer, problem };
}

/** Runs a refused request alone on a settled database, twice if need be: a write it still makes is its own. */
async function attribute(request: FuzzRequest, observer: WriteObserver): Promise<void> {
  let changed: string[] = [];
  for (let round = 0; round < 2; round += 1) {
    const quiet = await observer.settle();
    const outcome = await attempt(request);
    changed = changedKeys(quiet, await observer.snapshot());
    if (outcome.status < 400 || changed.length === 0) return;
  }
  throw new Error(`a refused request wrote ${changed.join(", ")}: ${describe(request)}`);
}

/**
 * Refused requests whose batch changed something (a 2xx among them, or background work of an earlier one)
 * run again at the end, on a settled database, a batch at a time; a batch that still changes something is
 * run one request at a time to find the writer. Settling once instead of after every such batch keeps
 * endpoints that often answer 2xx (creation) fast.
 */
async function recheck(refused: FuzzRequest[], observer: WriteObserver, size: number): Promise<void> {
  let before = await observer.settle();
  for (let i = 0; i < refused.length; i += size) {
    const chunk = refused.slice(i, i + size);
    await Promise.all(chunk.map(attempt));
    const after = await observer.snapshot();
    if (changedKeys(before, after).length > 0) {
      for (const request of chunk) await attribute(request, observer);
      before = await observer.snapshot();
    } else before = after;
  }
}

/**
 * The fuzz properties for one endpoint: never a 5xx (nor a 3xx), a 4xx always in the dialect's error shape,
 * and a 4xx writes nothing: no D1 row inserted, updated or deleted, no queue message.
 */
export async function fuzzEndpoint(
  requests: fc.Arbitrary<FuzzRequest>,
  boundaries: FuzzRequest[],
  observer: WriteObserver,
  options: FuzzOptions,
): Promise<FuzzStats> {
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
  const stats: FuzzStats = { seed, cases: 0, boundaries: 0, statuses: {}, kinds: {}, rechecked: 0, ms: 0 };
  const started = performance.now();
  let before = await observer.settle();
  const deferred: FuzzRequest[] = [];
  let clock = Date.now();
  /** Sends a batch at once and checks it: no bad answer, and a 4xx writes nothing (rechecked when unsure). */
  async function runBatch(list: FuzzRequest[]): Promise<void> {
    clock += CLOCK_STEP_MS * list.length;
    vi.setSystemTime(clock);
    const outcomes = await Promise.all(list.map(attempt));
    for (const { request, answer } of outcomes) {
      stats.cases += 1;
      // Boundary kinds name their field (`at-max-items groups`); the tally keeps the kind of bound only.
      const kind = request.kind.split(" ")[0] ?? request.kind;
      stats.statuses[answer] = (stats.statuses[answer] ?? 0) + 1;
      const byStatus = stats.kinds[kind] ?? {};
      byStatus[answer] = (byStatus[answer] ?? 0) + 1;
      stats.kinds[kind] = byStatus;
    }
    const bad = outcomes.find((o) => o.problem !== null);
    if (bad) throw new Error(`${bad.problem} ← ${describe(bad.request)}`);
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
    await recheck(deferred, observer, options.batch);
  } finally {
    vi.useRealTimers();
  }
  await observer.settle();
  stats.ms = Math.round(performance.now() - started);
  return stats;
}
