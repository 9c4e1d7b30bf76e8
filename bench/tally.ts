// The metered service's tally (GET /dev/metering, src/metering/), read and reset from the bench, and the wait
// until every queue has handled what was sent to it and nothing changes any more.
import path from "node:path";
import { unstable_readConfig } from "wrangler";
import type { TallySnapshot } from "../src/metering/tally-snapshot.ts";
import { ROOT } from "../tools/local-worker.ts";
import { expectStatus, type Target } from "./http.ts";

export async function readTally(api: Target): Promise<TallySnapshot> {
  return (await expectStatus(api, { method: "GET", path: "/dev/metering" }, 200)).json<TallySnapshot>();
}

export async function resetTally(api: Target, adminToken: string): Promise<void> {
  const headers = { Authorization: `Bearer ${adminToken}` };
  await expectStatus(api, { method: "POST", path: "/dev/metering/reset", headers }, 200);
}

/** Queue name by producer binding, from wrangler.toml (DELIVERIES → deliveries…). */
export function queueOfBinding(): Map<string, string> {
  const config = unstable_readConfig({ config: path.join(ROOT, "wrangler.toml") });
  return new Map(
    (config.queues.producers ?? []).map((p: { binding: string; queue: string }) => [p.binding, p.queue]),
  );
}

/** A queue batch waits up to max_batch_timeout (1 s) for more messages: quiet means longer than that. */
const QUIET_MS = 1_500;
const POLL_MS = 250;

/**
 * Until the tally stops changing for QUIET_MS and, when `balanced`, each queue has handled at least as many
 * messages as were sent to it since the last reset (two minutes at most). Background work (waitUntil, a
 * consumer's batch) shows as change, so a settled tally has all of it.
 */
export async function settle(api: Target, options: { balanced: boolean }): Promise<TallySnapshot> {
  const queues = queueOfBinding();
  const deadline = Date.now() + 120_000;
  let last = await readTally(api);
  let quietSince = Date.now();
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    const now = await readTally(api);
    if (JSON.stringify(now) !== JSON.stringify(last)) quietSince = Date.now();
    last = now;
    const unhandled = options.balanced ? unhandledQueues(now, queues) : [];
    if (unhandled.length === 0 && Date.now() - quietSince >= QUIET_MS) return now;
  }
  throw new Error(`the metered service did not settle in 2 minutes: ${JSON.stringify(last)}`);
}

function unhandledQueues(tally: TallySnapshot, queues: Map<string, string>): string[] {
  return Object.entries(tally.queueMessagesSent).flatMap(([binding, sent]) => {
    const queue = queues.get(binding) ?? binding;
    const handled = tally.invocations.queues[queue]?.messages ?? 0;
    return handled < sent ? [`${queue}: ${handled} of ${sent}`] : [];
  });
}
