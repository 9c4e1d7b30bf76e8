// `npm run bench`: the service and a baseline Worker on workerd (wrangler's local dev server), seeded, metered
// (one request per operation with D1_METRICS on), restarted with the metrics off and put under load with
// autocannon; then the delivery consumer against a provider fake, and the bundle size. Prints one table and
// the budgets, and writes bench/results/latest.json. See README, "Benchmarks".
import { applyMigrations, localD1, localQueue, runtimeUrl } from "../tools/local-runtime.ts";
import {
  freePort,
  type LocalWorker,
  makeStateDir,
  quietWrangler,
  removeDirOnExit,
} from "../tools/local-worker.ts";
import { checkBudgets } from "./budgets.ts";
import { measureBundle } from "./bundle.ts";
import { drained, measureConsumer } from "./consumer.ts";
import { type LoadResult, runLoad } from "./load.ts";
import { OPERATION_NAMES, type OperationInputs, type OperationName, operations } from "./operations.ts";
import { meter, seed } from "./prepare.ts";
import { startResendFake } from "./provider-fake.ts";
import * as report from "./report.ts";
import { newSecrets, startApp, startBaseline } from "./workers.ts";

const LOAD = { connections: 10, warmupSeconds: 2, seconds: 6 };
const PROVIDER_LATENCY_MS = 50;
const CONSUMER_MESSAGES = 500;
/**
 * The load runs in this order. The baseline runs three times, spread over the run, and counts with its median,
 * so that one burst of another process on the machine does not skew every ratio. Create is last: the deliveries
 * it enqueues keep the consumer busy after it.
 */
const LOAD_ORDER: OperationName[] = [
  "baseline",
  "start-link",
  "short-link-person",
  "short-link-bot",
  "baseline",
  "get",
  "list-by-reference",
  "resend-cooldown",
  "baseline",
  "create",
];

async function main(): Promise<void> {
  quietWrangler();
  const runAt = new Date().toISOString();
  const fake = await startResendFake(PROVIDER_LATENCY_MS);
  const dir = makeStateDir("edge-invitations-bench-");
  const baselineDir = makeStateDir("edge-invitations-baseline-");
  const removeDirs = [removeDirOnExit(dir), removeDirOnExit(baselineDir)];
  const running: LocalWorker[] = [];
  try {
    const port = await freePort();
    const secrets = newSecrets();
    const settings = { resendBaseUrl: fake.url, d1Metrics: true };
    const baseline = await startBaseline(baselineDir);
    running.push(baseline);
    let app = await startApp(dir, port, secrets, settings);
    running.push(app);
    await applyMigrations(app.worker);
    const api = { url: app.url };
    step("seeding (10,000 invitations for the list)");
    const { tenant, seeds } = await seed(api, await localD1(app.worker), secrets.adminToken);
    // Requests go to the runtimes themselves, not through wrangler's dev proxy (see runtimeUrl).
    const baselineUrl = await runtimeUrl(baseline.worker);
    const inputs: OperationInputs = { ...seeds, baselineUrl, apiUrl: await runtimeUrl(app.worker), port };
    step("metering D1 per operation (D1_METRICS on)");
    const metered = await meter(operations(inputs), inputs);

    // Queue messages live in the local runtime's memory: a restart would lose those not yet consumed.
    await drained(await localD1(app.worker));
    step("restarting the service with the metrics off");
    await app.dispose();
    running.splice(running.indexOf(app), 1);
    app = await startApp(dir, port, secrets, { ...settings, d1Metrics: false });
    running.push(app);
    const ops = operations({ ...inputs, apiUrl: await runtimeUrl(app.worker) });
    const loads = new Map<OperationName, LoadResult>();
    const baselines: LoadResult[] = [];
    for (const name of LOAD_ORDER) {
      const op = ops.find((o) => o.name === name);
      if (!op) continue;
      step(`load: ${name} (${LOAD.connections} connections, ${LOAD.seconds} s)`);
      const result = await runLoad(op, LOAD);
      if (result.unexpected > 0) {
        throw new Error(
          `${name}: ${result.unexpected} of ${result.answers} answers unexpected: ${result.firstUnexpected}`,
        );
      }
      if (name === "baseline") baselines.push(result);
      loads.set(name, name === "baseline" ? median(baselines) : result);
      const others =
        result.othersCpu === null ? "" : `; other processes used ${percent(result.othersCpu)} of the CPUs`;
      step(`  ${result.rps.toFixed(0)} req/s, p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms${others}`);
    }

    const d1 = await localD1(app.worker);
    step("waiting for the queues to finish what the create load enqueued");
    await drained(d1);
    step(`consumer: ${CONSUMER_MESSAGES} live invitations, provider fake at ${PROVIDER_LATENCY_MS} ms`);
    const calledBefore = fake.received();
    const consumer = await measureConsumer(api, d1, await localQueue(app.worker, "DELIVERIES"), tenant, {
      messages: CONSUMER_MESSAGES,
      latencyMs: PROVIDER_LATENCY_MS,
    });
    if (consumer.sent !== consumer.messages) throw new Error(`consumer: only ${consumer.sent} sent`);
    // The template invitation went through the fake too.
    const providerCalls = fake.received() - calledBefore - 1;
    if (providerCalls !== consumer.messages) throw new Error(`consumer: ${providerCalls} provider calls`);
    for (const worker of running.splice(0)) await worker.dispose();
    step("bundle: wrangler deploy --dry-run");
    const bundle = measureBundle();

    const baselineRps = loads.get("baseline")?.rps ?? Number.NaN;
    const results: report.Results = {
      runAt,
      machine: report.machine(),
      bundle: report.bundleReport(bundle),
      consumer: report.consumerReport(consumer),
      operations: OPERATION_NAMES.flatMap((name) => {
        const load = loads.get(name);
        const counts =
          name === "baseline" ? { roundTrips: 0, rowsRead: 0, rowsWritten: 0 } : metered.d1[name];
        return load && counts ? [report.operationReport(name, load, baselineRps, counts)] : [];
      }),
    };
    const budgets = checkBudgets({ results, ...metered });
    console.log(`\n${report.table(results, (name) => loads.get(name)?.othersCpu ?? null)}\n`);
    console.log(`Baseline: median of ${baselines.map((b) => b.rps.toFixed(0)).join(", ")} req/s.`);
    console.log(report.details(consumer, providerCalls, metered));
    console.log(`\nBudgets (issue 6):\n${report.budgetList(budgets)}`);
    console.log(`\nWrote ${report.writeResults(results)}`);
  } finally {
    for (const worker of running) await worker.dispose();
    await fake.close();
    for (const remove of removeDirs) remove();
  }
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

function step(what: string): void {
  console.log(`[bench] ${new Date().toISOString().slice(11, 19)} ${what}`);
}

await main();
