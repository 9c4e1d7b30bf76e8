// What one invitation costs, whole: created with a test key → delivered by the consumer (`sent`, through the
// outbox) → first click on the start link by a person → `started` visitor event, every queue drained
// (fan-outs and webhook deliveries included). Run for N invitations on the metered service and divided by N,
// so that per-run constants do not dominate. The cron is measured apart (one tick): when nothing is lost it
// does no per-invitation work.

import { type TallySnapshot, tallyTotals } from "../src/metering/tally-snapshot.ts";
import type { LocalD1 } from "../tools/local-runtime.ts";
import { runCron } from "../tools/local-runtime.ts";
import type { Worker } from "../tools/local-worker.ts";
import { expectStatus, type Target } from "./http.ts";
import { CHROME, createInvitation, type Tenant } from "./seed.ts";
import { resetTally, settle } from "./tally.ts";
import type { WebhookReceiver } from "./webhook-receiver.ts";

export interface LifecycleRun {
  api: Target;
  /** The start host on the same runtime. */
  startHost: Target;
  d1: LocalD1;
  adminToken: string;
}

/** A tally as the bench reports it, divided by `per` (invitations; 1 for a cron tick). */
export interface Figures {
  d1RoundTrips: number;
  primaryRoundTrips: number;
  sessionRoundTrips: number;
  rowsRead: number;
  rowsWritten: number;
  doRequests: number;
  queueMessages: number;
  invocations: { fetch: number; queueBatches: number; queueMessages: number; scheduled: number };
  doRequestsByNamespace: Record<string, number>;
  queueMessagesByBinding: Record<string, number>;
}

export interface LifecycleFigures extends Figures {
  /** POSTs the customer's endpoint received (oneEndpoint). */
  webhookPosts: number;
}

export async function measureLifecycle(
  run: LifecycleRun,
  tenant: Tenant,
  invitations: number,
  receiver: WebhookReceiver | null,
): Promise<LifecycleFigures> {
  const headers = { Authorization: `Bearer ${tenant.testKey}` };
  // The key's lookup is cached per isolate: a customer's steady state, not a cost of each invitation.
  await expectStatus(run.api, { method: "GET", path: "/v1/autodoc/invitations/locales", headers }, 200);
  await settle(run.api, { balanced: false });
  await resetTally(run.api, run.adminToken);
  const postsBefore = receiver?.received() ?? 0;
  const created: { token: string; url: string }[] = [];
  for (let i = 0; i < invitations; i += 1) {
    const answer = await createInvitation(run.api, tenant.testKey, {
      recipient: `lifecycle-${i}@bench.example`,
    });
    created.push(answer.json<{ token: string; url: string }>());
  }
  await waitForSent(
    run.d1,
    created.map((c) => c.token),
  );
  for (const { url } of created) {
    const { pathname, search } = new URL(url);
    const spec = { method: "GET" as const, path: `${pathname}${search}`, headers: { "User-Agent": CHROME } };
    await expectStatus(run.startHost, spec, 302);
  }
  for (const { token } of created) {
    const path = `/v1/autodoc/invitations/${token}/events`;
    await expectStatus(run.api, { method: "POST", path, headers, body: { type: "started" } }, 200);
  }
  const tally = await settle(run.api, { balanced: true });
  const webhookPosts = (receiver?.received() ?? 0) - postsBefore;
  if (receiver && webhookPosts === 0) throw new Error("lifecycle: the endpoint received no webhook");
  return { ...figures(tally, invitations), webhookPosts: round(webhookPosts / invitations) };
}

/** One run of the minute cron on a settled service: its cost per run, whatever the volume. */
export async function measureCronTick(run: LifecycleRun, worker: Worker): Promise<Figures> {
  await settle(run.api, { balanced: false });
  await resetTally(run.api, run.adminToken);
  await runCron(worker, "* * * * *");
  return figures(await settle(run.api, { balanced: true }), 1);
}

/** Until the invitations are all `sent` (read from the local D1, outside the metering). */
export async function waitForSent(d1: LocalD1, tokens: string[]): Promise<void> {
  const query = d1
    .prepare(
      "SELECT count(*) AS sent FROM invitations WHERE status = 'sent' AND token IN (SELECT value FROM json_each(?))",
    )
    .bind(JSON.stringify(tokens));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (((await query.first<{ sent: number }>())?.sent ?? 0) === tokens.length) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`lifecycle: ${tokens.length} invitations not all sent within a minute`);
}

const round = (value: number) => Math.round(value * 100) / 100;

function figures(tally: TallySnapshot, per: number): Figures {
  const totals = tallyTotals(tally);
  const each = (counts: Record<string, number>) =>
    Object.fromEntries(Object.entries(counts).map(([key, n]) => [key, round(n / per)]));
  return {
    d1RoundTrips: round(tally.d1.roundTrips / per),
    primaryRoundTrips: round(tally.d1.primaryRoundTrips / per),
    sessionRoundTrips: round(tally.d1.sessionRoundTrips / per),
    rowsRead: round(tally.d1.rowsRead / per),
    rowsWritten: round(tally.d1.rowsWritten / per),
    doRequests: round(totals.doRequests / per),
    queueMessages: round(totals.queueMessages / per),
    invocations: {
      fetch: round(tally.invocations.fetch / per),
      queueBatches: round(totals.queueBatches / per),
      queueMessages: round(totals.queueMessagesHandled / per),
      scheduled: round(tally.invocations.scheduled / per),
    },
    doRequestsByNamespace: each(tally.durableObjectRequests),
    queueMessagesByBinding: each(tally.queueMessagesSent),
  };
}
