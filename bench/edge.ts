// The recipient's first click with D1 far away: the service restarted with D1_SIMULATED_LATENCY (every round
// trip to the primary waits primaryMs, every session read replicaMs), then, one request at a time, a person's
// first click on each of N fresh invitations (created and sent beforehand, so the click is the invitation's
// first) and a repeat click on the same links. The p50 of each, and the primary round trips of a first
// click's response path (its Server-Timing).
import { parseD1RouteTiming } from "../src/db/d1-server-timing.ts";
import type { LocalD1 } from "../tools/local-runtime.ts";
import { expectStatus, send, type Target } from "./http.ts";
import { waitForSent } from "./lifecycle.ts";
import { CHROME, createInvitation, WORKFLOW } from "./seed.ts";

export interface EdgeReport {
  primaryLatencyMs: number;
  replicaLatencyMs: number;
  firstClickP50Ms: number;
  repeatClickP50Ms: number;
  /** The median over the first clicks of their response path's round trips to the primary. */
  firstClickPrimaryRoundTrips: number;
  firstClickSessionRoundTrips: number;
  clicks: number;
}

/** N sent test-mode invitations: the path and query of each one's start link. */
export async function freshLinks(api: Target, d1: LocalD1, testKey: string, n: number): Promise<string[]> {
  const created: { token: string; url: string }[] = [];
  for (let i = 0; i < n; i += 1) {
    created.push((await createInvitation(api, testKey, { recipient: `edge-${i}@bench.example` })).json());
  }
  await waitForSent(
    d1,
    created.map((c) => c.token),
  );
  return created.map(({ url }) => `${new URL(url).pathname}${new URL(url).search}`);
}

export async function measureEdge(
  startHost: Target,
  links: string[],
  latency: { primaryMs: number; replicaMs: number },
): Promise<EdgeReport> {
  const click = (path: string) => ({ method: "GET" as const, path, headers: { "User-Agent": CHROME } });
  // The isolate's first requests (startup, compilation) are no click's to pay: an unknown link, three times.
  for (let i = 0; i < 3; i += 1)
    await send(startHost, click(`/${WORKFLOW}?invitation_token=adi_${"0".repeat(24)}`));
  const first = [];
  for (const path of links) first.push(await timed(startHost, click(path)));
  const repeat = [];
  for (const path of links) repeat.push(await timed(startHost, click(path)));
  const routes = first.map((f) => parseD1RouteTiming(f.serverTiming));
  return {
    primaryLatencyMs: latency.primaryMs,
    replicaLatencyMs: latency.replicaMs,
    firstClickP50Ms: median(first.map((f) => f.ms)),
    repeatClickP50Ms: median(repeat.map((r) => r.ms)),
    firstClickPrimaryRoundTrips: median(routes.map((r) => r?.primaryRoundTrips ?? Number.NaN)),
    firstClickSessionRoundTrips: median(routes.map((r) => r?.sessionRoundTrips ?? Number.NaN)),
    clicks: links.length,
  };
}

async function timed(target: Target, spec: Parameters<typeof send>[1]) {
  const started = performance.now();
  const answer = await expectStatus(target, spec, 302);
  const ms = performance.now() - started;
  const header = answer.headers["server-timing"];
  return { ms, serverTiming: Array.isArray(header) ? header.join(", ") : header };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted[Math.floor((sorted.length - 1) / 2)] ?? Number.NaN;
  return Math.round(middle * 10) / 10;
}
