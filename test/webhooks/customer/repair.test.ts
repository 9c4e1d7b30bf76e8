import { env } from "cloudflare:workers";
import { describe, it } from "vitest";
import { runScheduled } from "../../../src/scheduled";
import { createInvitation, createTenant, type Tenant } from "../../helpers/api";
import { holdQueue } from "../../helpers/held-queue";
import { deliverHeld } from "../../helpers/held-webhooks";
import { runQueue, waitForStatus, withDeliveryHandedOver } from "../../helpers/queue";

const MINUTE_CRON = "* * * * *";

async function invitationOf(tenant: Tenant, recipient: string) {
  const invitation = await withDeliveryHandedOver(() =>
    createInvitation(tenant.testKey, { workflowToken: tenant.workflowToken, channel: "email", recipient }),
  );
  await waitForStatus(tenant.testKey, invitation.token, ["sent"]);
  return invitation.token;
}

/**
 * `count` webhook events of one invitation whose fan-out message was lost, written in one statement: the
 * later the row, the older the event, so that row order and age disagree. Answers their ids, oldest first.
 */
async function seedUndispatched(token: string, count: number, newest: number): Promise<number[]> {
  const tag = crypto.randomUUID();
  await env.DB.prepare(
    `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1)
     INSERT INTO invitation_events
       (public_id, invitation_token, organization_id, livemode, type, webhook_type, data, occurred_at)
     SELECT 'evt_seed_' || ?2 || '_' || i, token, organization_id, livemode, 'seeded',
            'invitation.created', '{}', ?3 - i * 1000
     FROM n, invitations WHERE invitations.token = ?4`,
  )
    .bind(count, tag, newest, token)
    .run();
  const rows = await env.DB.prepare(
    "SELECT id FROM invitation_events WHERE public_id LIKE ? ORDER BY occurred_at",
  )
    .bind(`evt_seed_${tag}_%`)
    .all<{ id: number }>();
  return rows.results.map((row) => row.id);
}

async function undispatched(ids: number[]): Promise<number[]> {
  const rows = await env.DB.prepare(
    `SELECT id FROM invitation_events WHERE dispatched_at IS NULL AND id IN (SELECT value FROM json_each(?)) ORDER BY occurred_at`,
  )
    .bind(JSON.stringify(ids))
    .all<{ id: number }>();
  return rows.results.map((row) => row.id);
}

/** The fan-out event ids among what the app sent to the webhooks queue, in the order it sent them. */
function fanoutIds(bodies: unknown[], among: number[]): number[] {
  const wanted = new Set(among);
  return bodies
    .map((body) => (body as { kind?: string; eventId?: number }).eventId ?? -1)
    .filter((id) => wanted.has(id));
}

/**
 * The minute job at `at`. Its delivery sweep is global (other files' overdue invitations): the deliveries
 * queue is held meanwhile, so that nothing it re-enqueues runs in the background of the files after this.
 */
async function repairAt(at: Date): Promise<void> {
  const deliveries = holdQueue(env.DELIVERIES);
  try {
    await runScheduled(MINUTE_CRON, env, at);
  } finally {
    deliveries.restore();
  }
}

/** Hundreds of fan-outs handed to the consumer: work, not waiting, but seconds of it on a busy machine. */
const HEAVY_TEST_TIMEOUT = 30_000;

describe("webhook repair (the minute sweeper)", () => {
  it("fans out 250 lost events oldest first, and one poison event among them blocks none", {
    timeout: HEAVY_TEST_TIMEOUT,
  }, async ({ expect }) => {
    const tenant = await createTenant();
    const token = await invitationOf(tenant, "repair@example.com");
    const poisonToken = await invitationOf(tenant, "poison@example.com");
    const now = Date.now();
    const seeded = await seedUndispatched(token, 250, now - 120_000);
    // The poison: an event whose invitation row cannot be read, so its fan-out fails on every attempt.
    const [poison] = await seedUndispatched(poisonToken, 1, now - 120_000 - 124_500);
    if (poison === undefined) throw new Error("poison not seeded");
    await env.DB.prepare("UPDATE invitations SET metadata = '{not json' WHERE token = ?")
      .bind(poisonToken)
      .run();
    // The webhooks queue is held: the fan-outs the repair sends are handed to the consumer by the test.
    const webhooks = holdQueue(env.WEBHOOKS);
    try {
      await repairAt(new Date(now));
      const sent = fanoutIds(webhooks.bodies(), [...seeded, poison]);
      expect(sent).toHaveLength(251);
      expect(sent.filter((id) => id !== poison)).toEqual(seeded);
      expect(sent.indexOf(poison)).toBe(125);
      const retried = await deliverHeld(webhooks);
      expect(await undispatched(seeded)).toEqual([]);
      expect(
        fanoutIds(
          retried.map((r) => r.body),
          [...seeded, poison],
        ),
      ).toEqual([poison]);
      expect(await undispatched([poison])).toEqual([poison]);
    } finally {
      webhooks.restore();
    }
    // After about a day of retries the fan-out reaches the dead-letter queue, which gives the event up.
    await runQueue("webhooks-dlq", [{ body: { v: 1, kind: "fanout", eventId: poison }, attempts: 8 }]);
    expect(await undispatched([poison])).toEqual([]);
    const entry = await env.DB.prepare(
      "SELECT data FROM invitation_events WHERE invitation_token = ? AND type = 'webhook.fanout_abandoned'",
    )
      .bind(poisonToken)
      .all<{ data: string }>();
    expect(entry.results.map((row) => JSON.parse(row.data))).toEqual([
      {
        webhookId: expect.stringMatching(/^evt_seed_/),
        event: "invitation.created",
        reason: expect.stringContaining("fan-out failed on every attempt"),
      },
    ]);
    const later = holdQueue(env.WEBHOOKS);
    try {
      await repairAt(new Date(now + 60_000));
      expect(fanoutIds(later.bodies(), [poison])).toEqual([]);
    } finally {
      later.restore();
    }
  });

  it("sends the other batches when the queue refuses one, and the next run sends that one", {
    timeout: HEAVY_TEST_TIMEOUT,
  }, async ({ expect }) => {
    const tenant = await createTenant();
    const token = await invitationOf(tenant, "refused-batch@example.com");
    const now = Date.now();
    // Older than any other event, so that they are exactly the repair's first batches.
    const seeded = await seedUndispatched(token, 250, 1_000_000_000);
    // The queue refuses the repair's first sendBatch (the oldest 100); the test hands the rest to the consumer.
    const webhooks = holdQueue(env.WEBHOOKS);
    try {
      webhooks.refuseNext(1);
      await repairAt(new Date(now));
      expect(fanoutIds(webhooks.bodies(), seeded)).toEqual(seeded.slice(100));
      await deliverHeld(webhooks);
      expect(await undispatched(seeded)).toEqual(seeded.slice(0, 100));
      const handed = webhooks.bodies().length;
      await repairAt(new Date(now + 60_000));
      expect(fanoutIds(webhooks.bodies().slice(handed), seeded)).toEqual(seeded.slice(0, 100));
      await deliverHeld(webhooks);
      expect(await undispatched(seeded)).toEqual([]);
    } finally {
      webhooks.restore();
    }
  });

  it("records nothing when a dead fan-out's event was dispatched by another copy", async ({ expect }) => {
    const tenant = await createTenant();
    const token = await invitationOf(tenant, "dead-copy@example.com");
    const [event] = await seedUndispatched(token, 1, Date.now() - 120_000);
    if (event === undefined) throw new Error("event not seeded");
    await env.DB.prepare("UPDATE invitation_events SET dispatched_at = ? WHERE id = ?")
      .bind(Date.now(), event)
      .run();
    await runQueue("webhooks-dlq", [{ body: { v: 1, kind: "fanout", eventId: event } }]);
    const row = await env.DB.prepare(
      "SELECT count(*) AS n FROM invitation_events WHERE invitation_token = ? AND type = 'webhook.fanout_abandoned'",
    )
      .bind(token)
      .first<{ n: number }>();
    expect(row?.n).toBe(0);
  });
});
