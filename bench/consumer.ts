// The delivery consumer's throughput: N live-mode invitations through the `deliveries` queue to the Resend
// adapter, which calls the provider fake (fixed latency). The invitations are copies of one the API created
// and the queue delivered (pending again, never sent); their N messages, made by the producer's own
// deliveryMessage(), are enqueued at once, so the consumer works through a full backlog. The clock runs from
// the enqueue to the last `sent_at` that D1 records.
import { readFileSync } from "node:fs";
import path from "node:path";
import { deliveryMessage } from "../src/delivery/message.ts";
import type { LocalD1, LocalQueue } from "../tools/local-runtime.ts";
import { ROOT } from "../tools/local-worker.ts";
import { copyInvitations, invitationToken } from "./copy-invitations.ts";
import type { Target } from "./http.ts";
import type { ProviderFake } from "./provider-fake.ts";
import { createInvitation, type Tenant, waitForStatus } from "./seed.ts";

export interface ConsumerResult {
  messages: number;
  sent: number;
  seconds: number;
  messagesPerSecond: number;
  ceilingPerSecond: number;
  maxBatchSize: number;
  latencyMs: number;
}

/** Queues take at most 100 messages per sendBatch. */
const SEND_BATCH = 100;

/** max_batch_size of the `deliveries` consumer in wrangler.toml. */
export function deliveriesBatchSize(): number {
  const toml = readFileSync(path.join(ROOT, "wrangler.toml"), "utf8");
  const match = toml.match(/\[\[queues\.consumers\]\]\s*queue = "deliveries"\s*max_batch_size = (\d+)/);
  if (!match) throw new Error("wrangler.toml: no max_batch_size for the deliveries consumer");
  return Number(match[1]);
}

/**
 * Sends within a batch run concurrently, so a batch takes one provider latency at best, and Miniflare hands the
 * consumer one batch at a time: max_batch_size messages per latency.
 */
export function ceilingPerSecond(maxBatchSize: number, latencyMs: number): number {
  return maxBatchSize / (latencyMs / 1000);
}

export async function measureConsumer(
  api: Target,
  d1: LocalD1,
  queue: LocalQueue,
  tenant: Tenant,
  options: { messages: number; latencyMs: number },
): Promise<ConsumerResult> {
  const template = (
    await createInvitation(api, tenant.liveKey, { recipient: "consumer@bench.example" })
  ).json<{
    token: string;
  }>().token;
  await waitForStatus(api, tenant.liveKey, template, "sent");
  const now = Date.now();
  const rows = Array.from({ length: options.messages }, (_, i) => ({
    token: invitationToken(),
    recipient: `consumer-${i}@bench.example`,
    status: "pending",
    sent_at: null,
    delivery_attempts: 0,
    delivery_due_at: now,
    created_at: now,
    updated_at: now,
  }));
  await copyInvitations(d1, template, rows);
  const messages = rows.map((row) => ({ body: deliveryMessage(row.token, 1), contentType: "json" as const }));
  const started = Date.now();
  for (let i = 0; i < messages.length; i += SEND_BATCH)
    await queue.sendBatch(messages.slice(i, i + SEND_BATCH));
  const count = d1
    .prepare(
      `SELECT count(*) AS sent, max(sent_at) AS last FROM invitations WHERE status = 'sent' AND token IN (SELECT value FROM json_each(?))`,
    )
    .bind(JSON.stringify(rows.map((row) => row.token)));
  let done = { sent: 0, last: 0 };
  const deadline = Date.now() + 120_000;
  while (done.sent < options.messages && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    done = (await count.first<{ sent: number; last: number }>()) ?? done;
  }
  const maxBatchSize = deliveriesBatchSize();
  const seconds = (done.last - started) / 1000;
  return {
    messages: options.messages,
    sent: done.sent,
    seconds,
    messagesPerSecond: done.sent / seconds,
    ceilingPerSecond: ceilingPerSecond(maxBatchSize, options.latencyMs),
    maxBatchSize,
    latencyMs: options.latencyMs,
  };
}

/** measureConsumer, checked: every message sent, with exactly one provider call each. */
export async function consumerPhase(
  api: Target,
  d1: LocalD1,
  queue: LocalQueue,
  tenant: Tenant,
  fake: ProviderFake,
  options: { messages: number; latencyMs: number },
): Promise<{ consumer: ConsumerResult; providerCalls: number }> {
  const calledBefore = fake.received();
  const consumer = await measureConsumer(api, d1, queue, tenant, options);
  if (consumer.sent !== consumer.messages) throw new Error(`consumer: only ${consumer.sent} sent`);
  // The template invitation went through the fake too.
  const providerCalls = fake.received() - calledBefore - 1;
  if (providerCalls !== consumer.messages) throw new Error(`consumer: ${providerCalls} provider calls`);
  return { consumer, providerCalls };
}

/** Until no delivery is pending and every webhook event has been fanned out (at most two minutes). */
export async function drained(d1: LocalD1): Promise<void> {
  const query = d1.prepare(
    "SELECT (SELECT count(*) FROM invitations WHERE status IN ('pending', 'sending')) AS deliveries, (SELECT count(*) FROM invitation_events WHERE webhook_type IS NOT NULL AND dispatched_at IS NULL) AS webhooks",
  );
  const deadline = Date.now() + 120_000;
  let left = { deliveries: -1, webhooks: -1 };
  while (Date.now() < deadline) {
    left = (await query.first<typeof left>()) ?? left;
    if (left.deliveries === 0 && left.webhooks === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`queues not drained after 2 minutes: ${JSON.stringify(left)}`);
}
