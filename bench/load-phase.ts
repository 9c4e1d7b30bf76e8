// The load runs, one operation after another in the given order, on the service with the metering off. The
// baseline runs several times and counts with its median, so that one burst of another process on the
// machine does not skew every ratio.
import type { D1Counts } from "../src/db/d1-server-timing.ts";
import { type LoadResult, type LoadSettings, runLoad } from "./load.ts";
import { OPERATION_NAMES, type Operation, type OperationName } from "./operations.ts";
import { type OperationReport, operationReport } from "./report.ts";

export interface Loads {
  byName: Map<OperationName, LoadResult>;
  /** Every baseline run, in order. */
  baselines: LoadResult[];
}

export async function runLoads(
  ops: Operation[],
  order: OperationName[],
  settings: LoadSettings,
  step: (what: string) => void,
): Promise<Loads> {
  const byName = new Map<OperationName, LoadResult>();
  const baselines: LoadResult[] = [];
  for (const name of order) {
    const op = ops.find((o) => o.name === name);
    if (!op) continue;
    step(`load: ${name} (${settings.connections} connections, ${settings.seconds} s)`);
    const result = await runLoad(op, settings);
    if (result.unexpected > 0) {
      throw new Error(
        `${name}: ${result.unexpected} of ${result.answers} answers unexpected: ${result.firstUnexpected}`,
      );
    }
    if (name === "baseline") baselines.push(result);
    byName.set(name, name === "baseline" ? median(baselines) : result);
    const others =
      result.othersCpu === null ? "" : `; other processes used ${percent(result.othersCpu)} of the CPUs`;
    step(`  ${result.rps.toFixed(0)} req/s, p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms${others}`);
  }
  return { byName, baselines };
}

/** Each loaded operation with its metered D1 counts; create with its ratio to the insert baseline too. */
export function operationReports(
  loads: Map<OperationName, LoadResult>,
  counts: Partial<Record<OperationName, D1Counts>>,
): OperationReport[] {
  const rps = (name: OperationName) => loads.get(name)?.rps ?? Number.NaN;
  return OPERATION_NAMES.flatMap((name) => {
    const load = loads.get(name);
    const d1 = name === "baseline" ? { roundTrips: 0, rowsRead: 0, rowsWritten: 0 } : counts[name];
    if (!load || !d1) return [];
    const op = operationReport(name, load, rps("baseline"), d1);
    if (name !== "create") return [op];
    return [{ ...op, ratioToInsertBaseline: Math.round((load.rps / rps("insert-baseline")) * 1000) / 1000 }];
  });
}

/** The run with the median req/s. */
function median(runs: LoadResult[]): LoadResult {
  const sorted = [...runs].sort((a, b) => a.rps - b.rps);
  const middle = sorted[Math.floor((sorted.length - 1) / 2)];
  if (!middle) throw new Error("no baseline run");
  return middle;
}

function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}
