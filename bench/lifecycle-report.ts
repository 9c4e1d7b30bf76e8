// The lifecycle's lines in the printed report: the lifecycle table, the edge, the cron, the bundle's
// largest parts (Markdown, so the README can show them as printed).
import type { Figures } from "./lifecycle.ts";
import type { Results } from "./report.ts";

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

export function lifecycleTable(results: Results): string {
  const { noEndpoint: none, oneEndpoint: one } = results.lifecycle;
  const cost = results.costPerMillionInvitationsUsd;
  const row = (what: string, a: number | string, b: number | string) => `| ${what} | ${a} | ${b} |`;
  const both = (what: string, pick: (f: Figures) => number) => row(what, pick(none), pick(one));
  const { lifecycle, edge } = results;
  const tick = lifecycle.cron.tick;
  return [
    `| per invitation (${lifecycle.invitations} in test mode, queues drained) | no endpoint | one endpoint |`,
    "|---|---:|---:|",
    both("D1 round trips", (f) => f.d1RoundTrips),
    both("… to the primary", (f) => f.primaryRoundTrips),
    both("… through a session (a replica may answer)", (f) => f.sessionRoundTrips),
    both("D1 rows read", (f) => f.rowsRead),
    both("D1 rows written", (f) => f.rowsWritten),
    both("Durable Object requests", (f) => f.doRequests),
    both("queue messages sent", (f) => f.queueMessages),
    both("fetch invocations", (f) => f.invocations.fetch),
    both("queue batches handled", (f) => f.invocations.queueBatches),
    both("queue messages handled", (f) => f.invocations.queueMessages),
    row("webhook POSTs received", none.webhookPosts, one.webhookPosts),
    row("USD per million invitations", cost.noEndpoint.totalUsd, cost.oneEndpoint.totalUsd),
    "",
    `Cron (${lifecycle.cron.note}): one minute tick costs ${tick.d1RoundTrips} D1 round trips, ${tick.rowsRead} rows read, ${tick.doRequests} DO requests, ${tick.queueMessages} queue messages.`,
    `Edge (D1 primary +${edge.primaryLatencyMs} ms, session read +${edge.replicaLatencyMs} ms, ${edge.clicks} links): first click p50 ${edge.firstClickP50Ms} ms (${edge.firstClickPrimaryRoundTrips} primary, ${edge.firstClickSessionRoundTrips} session round trips on its response path), repeat click p50 ${edge.repeatClickP50Ms} ms.`,
    `Bundle's largest parts (raw, minified; gzip estimated by share): ${results.bundle.topContributors
      .slice(0, 8)
      .map((c) => `${c.name} ${kib(c.rawBytes)} (≈${kib(c.gzipBytesEstimate)})`)
      .join(", ")}.`,
  ].join("\n");
}
