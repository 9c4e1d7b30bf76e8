// `npm run bench`: the service, a baseline Worker (a fixed 302) and an insert baseline (one D1 INSERT and one
// queue send) on workerd (wrangler's local dev server). The service runs three times on one state directory:
// metered (D1_METRICS, in development: one request per operation, the invitation lifecycle, a cron tick), with
// the metering off for the load (autocannon) and the delivery consumer against a provider fake, and with the
// simulated D1 latency for the edge link. Then `get` on two more copies, the request history recording in one and
// off in the other (bench/request-history.ts), and the bundle. Prints the tables and the budgets, and writes
// bench/results/latest.json. See README, "Benchmarks".
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
import { consumerPhase, drained } from "./consumer.ts";
import { costPerMillion, PRICES } from "./cost.ts";
import { freshLinks, measureEdge } from "./edge.ts";
import { lifecyclePhase } from "./lifecycle-phase.ts";
import { lifecycleTable } from "./lifecycle-report.ts";
import { operationReports, runLoads } from "./load-phase.ts";
import { type OperationInputs, type OperationName, operations } from "./operations.ts";
import { meter, seed } from "./prepare.ts";
import { startResendFake } from "./provider-fake.ts";
import * as report from "./report.ts";
import { measureRequestHistory } from "./request-history.ts";
import { settle } from "./tally.ts";
import { startWebhookReceiver } from "./webhook-receiver.ts";
import { type AppSettings, newSecrets, startApp, startBaseline, startInsertBaseline } from "./workers.ts";

const LOAD = { connections: 10, warmupSeconds: 2, seconds: 6 };
const PROVIDER_LATENCY_MS = 50;
const CONSUMER_MESSAGES = 500;
const LIFECYCLE_INVITATIONS = 20;
const EDGE_LINKS = 25;
const LATENCY = { primaryMs: 100, replicaMs: 5 };
/** Create is last: the deliveries it enqueues keep the consumer busy after it. The insert baseline is next to it. */
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
  "insert-baseline",
  "create",
];
const CRON_NOTE = "excluded: when nothing is lost it does no per-invitation work; its cost is per minute";

async function main(): Promise<void> {
  quietWrangler();
  const runAt = new Date().toISOString();
  const fake = await startResendFake(PROVIDER_LATENCY_MS);
  const receiver = await startWebhookReceiver();
  const dirs = ["bench", "baseline", "insert-baseline"].map((n) => makeStateDir(`edge-invitations-${n}-`));
  const [dir = "", baselineDir = "", insertDir = ""] = dirs;
  const removeDirs = dirs.map(removeDirOnExit);
  const running: LocalWorker[] = [];
  try {
    const port = await freePort();
    const secrets = newSecrets();
    const baseline = await startBaseline(baselineDir);
    running.push(baseline);
    const insertBaseline = await startInsertBaseline(insertDir);
    running.push(insertBaseline);
    let app = await startApp(dir, port, secrets, { resendBaseUrl: fake.url, metering: true });
    running.push(app);
    let metering = true;
    const restart = async (settings: Omit<AppSettings, "resendBaseUrl">) => {
      // Queue messages live in the local runtime's memory: a restart would lose those not yet consumed. The
      // metered tally also sees queues that D1 does not show.
      await drained(await localD1(app.worker));
      if (metering) await settle({ url: await runtimeUrl(app.worker) }, { balanced: true });
      metering = settings.metering;
      await app.dispose();
      running.splice(running.indexOf(app), 1);
      app = await startApp(dir, port, secrets, { resendBaseUrl: fake.url, ...settings });
      running.push(app);
      return runtimeUrl(app.worker);
    };
    await applyMigrations(app.worker);
    const api = { url: await runtimeUrl(app.worker) };
    step("seeding (10,000 invitations for the list)");
    const { tenant, seeds } = await seed(api, await localD1(app.worker), secrets.adminToken);
    const inputs: OperationInputs = {
      ...seeds,
      baselineUrl: await runtimeUrl(baseline.worker),
      insertBaselineUrl: await runtimeUrl(insertBaseline.worker),
      apiUrl: api.url,
      port,
    };
    step("metering D1 per operation (D1_METRICS on)");
    const metered = await meter(operations(inputs), inputs);
    step(`lifecycle: ${LIFECYCLE_INVITATIONS} invitations, no endpoint, then one endpoint (metered tally)`);
    const run = {
      api,
      startHost: { url: api.url, host: `start.localhost:${port}` },
      d1: await localD1(app.worker),
      adminToken: secrets.adminToken,
    };
    const { noEndpoint, oneEndpoint, cronTick } = await lifecyclePhase(
      run,
      app.worker,
      receiver,
      LIFECYCLE_INVITATIONS,
    );

    step("restarting the service with the metering off");
    const ops = operations({ ...inputs, apiUrl: await restart({ metering: false }) });
    const { byName: loads, baselines } = await runLoads(ops, LOAD_ORDER, LOAD, step);
    const d1 = await localD1(app.worker);
    step("waiting for the queues to finish what the create load enqueued");
    await drained(d1);
    step(`consumer: ${CONSUMER_MESSAGES} live invitations, provider fake at ${PROVIDER_LATENCY_MS} ms`);
    const appApi = { url: app.url };
    const queue = await localQueue(app.worker, "DELIVERIES");
    const { consumer, providerCalls } = await consumerPhase(appApi, d1, queue, tenant, fake, {
      messages: CONSUMER_MESSAGES,
      latencyMs: PROVIDER_LATENCY_MS,
    });
    const links = await freshLinks(appApi, d1, tenant.testKey, EDGE_LINKS);

    const simulatedLatency = `primary=${LATENCY.primaryMs},replica=${LATENCY.replicaMs}`;
    step(
      `edge: restarting with D1_SIMULATED_LATENCY="${simulatedLatency}", ${EDGE_LINKS} first and repeat clicks`,
    );
    const edgeUrl = await restart({ metering: true, simulatedLatency });
    const edge = await measureEdge({ url: edgeUrl, host: `start.localhost:${port}` }, links, LATENCY);
    for (const worker of running.splice(0)) await worker.dispose();
    const requestHistory = await measureRequestHistory(secrets, fake.url, step);
    step("bundle: wrangler deploy --dry-run");
    const bundle = measureBundle();

    const measured: Omit<report.Results, "budgets"> = {
      runAt,
      machine: report.machine(),
      bundle: report.bundleReport(bundle),
      consumer: report.consumerReport(consumer),
      operations: operationReports(loads, metered.d1),
      lifecycle: {
        mode: "test",
        invitations: LIFECYCLE_INVITATIONS,
        cron: { note: CRON_NOTE, tick: cronTick },
        noEndpoint,
        oneEndpoint,
      },
      edge,
      requestHistory,
      costPerMillionInvitationsUsd: {
        noEndpoint: costPerMillion(noEndpoint),
        oneEndpoint: costPerMillion(oneEndpoint),
        prices: PRICES,
      },
    };
    const results: report.Results = { ...measured, budgets: checkBudgets({ results: measured, ...metered }) };
    console.log(`\n${report.table(results, (name) => loads.get(name)?.othersCpu ?? null)}\n`);
    console.log(`Baseline: median of ${baselines.map((b) => b.rps.toFixed(0)).join(", ")} req/s.`);
    console.log(report.details(consumer, providerCalls, metered));
    console.log(`\n${lifecycleTable(results)}`);
    console.log(`\nBudgets:\n${report.budgetList(results.budgets)}`);
    console.log(`\nWrote ${report.writeResults(results)}`);
  } finally {
    for (const worker of running) await worker.dispose();
    await fake.close();
    await receiver.close();
    for (const remove of removeDirs) remove();
  }
}

function step(what: string): void {
  console.log(`[bench] ${new Date().toISOString().slice(11, 19)} ${what}`);
}

await main();
