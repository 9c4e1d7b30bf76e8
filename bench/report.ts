// The run's one table (Markdown, so the README can show it as printed), the budgets checked against it,
// and bench/results/latest.json.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { D1Counts } from "../src/db/d1-server-timing.ts";
import { ROOT } from "../tools/local-worker.ts";
import type { BundleSize } from "./bundle.ts";
import type { ConsumerResult } from "./consumer.ts";
import type { LifecycleCost, PRICES } from "./cost.ts";
import type { EdgeReport } from "./edge.ts";
import type { Figures, LifecycleFigures } from "./lifecycle.ts";
import type { LoadResult } from "./load.ts";
import type { OperationName } from "./operations.ts";
import type { Metered } from "./prepare.ts";
import type { RequestHistoryReport } from "./request-history.ts";

export interface OperationReport {
  name: OperationName;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  ratioToBaseline: number;
  /** create only: its req/s over the insert baseline's. */
  ratioToInsertBaseline?: number;
  d1: D1Counts;
}

export interface LifecycleReport {
  /** Test mode: a test key, the outbox provider, no provider events. */
  mode: "test";
  invitations: number;
  /** Why the cron is not in the per-invitation figures, and what one tick costs. */
  cron: { note: string; tick: Figures };
  noEndpoint: LifecycleFigures;
  oneEndpoint: LifecycleFigures;
}

export interface Results {
  runAt: string;
  machine: { cpu: string; cores: number; memory: string; os: string; node: string };
  bundle: {
    rawBytes: number;
    gzipBytes: number;
    /** The largest parts of the minified output; gzip is each part's share of the raw bytes, an estimate. */
    topContributors: { name: string; rawBytes: number; gzipBytesEstimate: number }[];
  };
  consumer: { messagesPerSecond: number; ceilingPerSecond: number; ratioToCeiling: number };
  operations: OperationReport[];
  lifecycle: LifecycleReport;
  edge: EdgeReport;
  /** Issue 15: `get` with the request history recording over without, in the same run. */
  requestHistory: RequestHistoryReport;
  costPerMillionInvitationsUsd: {
    noEndpoint: LifecycleCost;
    oneEndpoint: LifecycleCost;
    prices: typeof PRICES;
  };
  budgets: Budget[];
}

export interface Budget {
  what: string;
  met: boolean;
  seen: string;
}

export function machine(): Results["machine"] {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? "unknown",
    cores: cpus.length,
    memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
  };
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

export function operationReport(name: OperationName, load: LoadResult, baselineRps: number, d1: D1Counts) {
  return {
    name,
    rps: round(load.rps, 1),
    p50Ms: load.p50Ms,
    p99Ms: load.p99Ms,
    ratioToBaseline: round(load.rps / baselineRps, 3),
    d1,
  };
}

export function bundleReport(bundle: BundleSize): Results["bundle"] {
  const topContributors = bundle.contributors.slice(0, 10).map(({ name, rawBytes }) => ({
    name,
    rawBytes,
    gzipBytesEstimate: Math.round((rawBytes / bundle.rawBytes) * bundle.gzipBytes),
  }));
  return { rawBytes: bundle.rawBytes, gzipBytes: bundle.gzipBytes, topContributors };
}

export function consumerReport(consumer: ConsumerResult): Results["consumer"] {
  return {
    messagesPerSecond: round(consumer.messagesPerSecond, 1),
    ceilingPerSecond: round(consumer.ceilingPerSecond, 1),
    ratioToCeiling: round(consumer.messagesPerSecond / consumer.ceilingPerSecond, 3),
  };
}

/** `othersCpu`: per operation, the share of the CPUs other processes used during its load (stdout only). */
export function table(results: Results, othersCpu: (name: OperationName) => number | null): string {
  const rows = results.operations.map((op) =>
    [
      op.name,
      op.rps.toFixed(0),
      String(op.p50Ms),
      String(op.p99Ms),
      op.ratioToBaseline.toFixed(2),
      String(op.d1.roundTrips),
      String(op.d1.rowsRead),
      String(op.d1.rowsWritten),
      ((share) => (share === null ? "?" : `${Math.round(share * 100)}%`))(othersCpu(op.name)),
    ].join(" | "),
  );
  const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
  const m = results.machine;
  return [
    "| operation | req/s | p50 ms | p99 ms | × baseline | D1 round trips | rows read | rows written | other processes' CPU |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ...rows.map((row) => `| ${row} |`),
    "",
    `Consumer: ${results.consumer.messagesPerSecond} messages/s (ceiling ${results.consumer.ceilingPerSecond}/s, ${results.consumer.ratioToCeiling}).`,
    `Bundle (minified): ${kib(results.bundle.rawBytes)} raw, ${kib(results.bundle.gzipBytes)} gzip.`,
    `Request history: get ${results.requestHistory.ratio} × with it off (median of ${results.requestHistory.pairRatios.length} pairs: ${results.requestHistory.pairRatios.join(", ")}).`,
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memory}, ${m.os}, Node ${m.node}; run at ${results.runAt}.`,
  ].join("\n");
}

/** What the table leaves out: how the consumer figure came about, the links' first visits, the key lookup. */
export function details(consumer: ConsumerResult, providerCalls: number, metered: Metered): string {
  const fmt = (c: D1Counts) => `rt=${c.roundTrips} rr=${c.rowsRead} rw=${c.rowsWritten}`;
  return [
    `Consumer: ${consumer.sent} messages sent in ${consumer.seconds.toFixed(2)} s with ${providerCalls} provider calls;`,
    `ceiling = max_batch_size ${consumer.maxBatchSize} / ${consumer.latencyMs} ms provider latency (one batch at a time locally).`,
    `D1 of the first visit (the table shows the repeat): start link ${fmt(metered.firstVisit["start-link"])}, short link ${fmt(metered.firstVisit["short-link-person"])}, preview bot ${fmt(metered.firstVisit["short-link-bot"])};`,
    `the key lookup alone, as the load sees it (the same key again; in every API figure): ${fmt(metered.auth)}.`,
  ].join("\n");
}

export function budgetList(budgets: Budget[]): string {
  return [
    ...budgets.map((b) => `- [${b.met ? "met" : "MISSED"}] ${b.what}: ${b.seen}`),
    `- [bound] a revoked link can still redirect for at most ${linkCacheTtlSeconds()} s (the link cache's TTL, per isolate); an expired one never (checked on every hit)`,
    "- [counted in the lifecycle] create's queue sends: one to `deliveries`, and one to `webhooks` per endpoint subscribed to `invitation.created`",
  ].join("\n");
}

/** LINK_CACHE_TTL_MS of src/links/link-cache.ts (read from the source: Node cannot strip that file's types). */
function linkCacheTtlSeconds(): number {
  const source = readFileSync(path.join(ROOT, "src/links/link-cache.ts"), "utf8");
  const match = source.match(/LINK_CACHE_TTL_MS = ([\d_]+);/);
  if (!match?.[1]) throw new Error("src/links/link-cache.ts: LINK_CACHE_TTL_MS not found");
  return Number(match[1].replaceAll("_", "")) / 1000;
}

export function writeResults(results: Results): string {
  const file = path.join(ROOT, "bench/results/latest.json");
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  return file;
}
