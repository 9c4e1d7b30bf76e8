// Issue 15: what the request history costs the hottest read. Two copies of the service side by side, each on
// its own state directory and port with one organization and one sent invitation, the history recording in
// one and off in the other (REQUEST_HISTORY_RECORDING=off); `get` is loaded on each in turn, PAIRS times,
// the order swapped every pair, so that a burst of another process on a shared machine weighs on both sides
// alike. The ratio is the median of the pairs' on/off req/s. Goal: at least 0.95.
import { applyMigrations, runtimeUrl } from "../tools/local-runtime.ts";
import { freePort, type LocalWorker, makeStateDir, removeDirOnExit } from "../tools/local-worker.ts";
import { type LoadResult, runLoad } from "./load.ts";
import { type Operation, operations } from "./operations.ts";
import { createTenant, sentInvitation } from "./seed.ts";
import { type AppSecrets, startApp } from "./workers.ts";

export const REQUEST_HISTORY_GOAL = 0.95;
const PAIRS = 8;
const LOAD = { connections: 10, warmupSeconds: 1, seconds: 4 };

export interface RequestHistoryRun {
  recording: "on" | "off";
  rps: number;
  p50Ms: number;
  p99Ms: number;
  /** The share of the CPUs other processes used meanwhile; null where it cannot be told. */
  othersCpu: number | null;
}

export interface RequestHistoryReport {
  /** The median over the pairs of `get`'s req/s with the history recording over its req/s without. */
  ratio: number;
  goal: number;
  operation: "get";
  /** All answers with the recording over all without, the pairs together (a burst weighs more here). */
  meanRatio: number;
  /** Each pair's ratio, in the order run. */
  pairRatios: number[];
  runs: RequestHistoryRun[];
}

interface Side {
  app: LocalWorker;
  get: Operation;
  remove: () => void;
}

/** One copy of the service, migrated, with a test key and an invitation `get` reads. */
async function startSide(recording: boolean, secrets: AppSecrets, resendBaseUrl: string): Promise<Side> {
  const dir = makeStateDir(`edge-invitations-history-${recording ? "on" : "off"}-`);
  const remove = removeDirOnExit(dir);
  const port = await freePort();
  const app = await startApp(dir, port, secrets, {
    resendBaseUrl,
    metering: false,
    requestHistory: recording,
  });
  await applyMigrations(app.worker);
  const api = { url: await runtimeUrl(app.worker) };
  const tenant = await createTenant(api, secrets.adminToken);
  const getToken = await sentInvitation(api, tenant.testKey);
  const inputs = { baselineUrl: "", insertBaselineUrl: "", apiUrl: api.url, port, testKey: tenant.testKey };
  const seeds = { openedToken: "", shortCode: "", getToken, listReference: "", resendToken: "" };
  const get = operations({ ...inputs, ...seeds }).find((op) => op.name === "get");
  if (!get) throw new Error("no get operation");
  return { app, get, remove };
}

export async function measureRequestHistory(
  secrets: AppSecrets,
  resendBaseUrl: string,
  step: (what: string) => void,
): Promise<RequestHistoryReport> {
  step("request history: two copies of the service, recording on and off");
  const on = await startSide(true, secrets, resendBaseUrl);
  const off = await startSide(false, secrets, resendBaseUrl);
  try {
    const runs: RequestHistoryRun[] = [];
    const pairRatios: number[] = [];
    for (let pair = 0; pair < PAIRS; pair += 1) {
      const order = pair % 2 === 0 ? [off, on] : [on, off];
      const rps = new Map<Side, number>();
      for (const side of order) {
        const result = await runLoad(side.get, LOAD);
        if (result.unexpected > 0)
          throw new Error(`get: ${result.unexpected} unexpected: ${result.firstUnexpected}`);
        runs.push(runOf(side === on, result));
        rps.set(side, result.rps);
      }
      pairRatios.push(round((rps.get(on) ?? 0) / (rps.get(off) ?? Number.NaN)));
      step(`  pair ${pair + 1}: on ${rps.get(on)?.toFixed(0)} req/s, off ${rps.get(off)?.toFixed(0)} req/s`);
    }
    const total = (recording: "on" | "off") =>
      runs.filter((run) => run.recording === recording).reduce((sum, run) => sum + run.rps, 0);
    const meanRatio = round(total("on") / total("off"));
    return {
      ratio: median(pairRatios),
      goal: REQUEST_HISTORY_GOAL,
      operation: "get",
      meanRatio,
      pairRatios,
      runs,
    };
  } finally {
    for (const side of [on, off]) {
      await side.app.dispose();
      side.remove();
    }
  }
}

function runOf(recording: boolean, result: LoadResult): RequestHistoryRun {
  return {
    recording: recording ? "on" : "off",
    rps: Math.round(result.rps * 10) / 10,
    p50Ms: result.p50Ms,
    p99Ms: result.p99Ms,
    othersCpu: result.othersCpu,
  };
}

const round = (value: number) => Math.round(value * 1000) / 1000;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  const value =
    sorted.length % 2 === 1
      ? sorted[Math.floor(middle)]
      : ((sorted[middle - 1] ?? Number.NaN) + (sorted[middle] ?? Number.NaN)) / 2;
  return round(value ?? Number.NaN);
}
