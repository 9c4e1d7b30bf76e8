import { env } from "cloudflare:workers";
import { describe, it, vi } from "vitest";
import { admin, call, createTenant } from "../helpers/api";
import { holdQueue } from "../helpers/held-queue";
import { deliverHeld } from "../helpers/held-webhooks";
import { runQueue } from "../helpers/queue";
import { faultPlan, faultRecipient } from "./fault-plan";
import { recordProviderCalls } from "./provider-calls";

const INVITATIONS = 500;
/** Batches handed to the consumer at once (the real queue may run several consumers concurrently too). */
const CONCURRENT_BATCHES = 5;

interface Row {
  token: string;
  recipient: string;
  status: string;
  delivery_attempts: number;
  error_message: string | null;
  usage: number;
}

async function invitationsOf(organizationSlug: string): Promise<Row[]> {
  const { results } = await env.DB.prepare(
    `SELECT i.token, i.recipient, i.status, i.delivery_attempts, i.error_message,
       (SELECT count(*) FROM usage_records u WHERE u.invitation_token = i.token) AS usage
     FROM invitations i JOIN organizations o ON o.id = i.organization_id WHERE o.slug = ?`,
  )
    .bind(organizationSlug)
    .all<Row>();
  return results;
}

describe("provider faults", () => {
  it(`delivers ${INVITATIONS} invitations through transient and permanent Resend failures: nothing lost, nothing twice`, {
    timeout: 120_000,
  }, async ({ expect }) => {
    const started = performance.now();
    const tenant = await createTenant();
    await admin("PATCH", `/organizations/${tenant.slug}`, { creationRateLimit: 10_000 });
    const plan = faultPlan(INVITATIONS);
    const provider = recordProviderCalls(plan.inject);
    // A thousand info and warn lines would cost more than the deliveries; errors still print.
    const quiet = [vi.spyOn(console, "log"), vi.spyOn(console, "warn")].map((spy) => spy.mockReturnValue());
    const deliveries = holdQueue(env.DELIVERIES);
    // A thousand webhook events: fanned out here, not left to the background queue of the files after this.
    const webhooks = holdQueue(env.WEBHOOKS);
    const phases: Record<string, number> = {};
    const mark = (name: string) => {
      phases[name] = Math.round(performance.now() - started);
    };
    try {
      for (let i = 0; i < INVITATIONS; i += 50) {
        await Promise.all(
          Array.from({ length: Math.min(50, INVITATIONS - i) }, (_, k) =>
            call("POST", "/v1/autodoc/invitations", {
              token: tenant.liveKey,
              body: {
                workflowToken: tenant.workflowToken,
                channel: "email",
                recipient: faultRecipient(i + k),
              },
            }),
          ),
        );
      }
      mark("created");
      // The queue is held: the test hands each message the app sent to the consumer, as the queue would, and
      // each one the consumer retries comes back in the next round (without the backoff's 30 s and more).
      // Queues deliver at least once: the first round also hands a copy of every message, in the same batch,
      // so copies meet at the gate while the send is in flight and come back with the retries.
      const sent = deliveries.take();
      expect(sent).toHaveLength(INVITATIONS);
      let messages = Array.from({ length: sent.length / 5 }, (_, i) => sent.slice(i * 5, i * 5 + 5)).flatMap(
        (five) => [...five, ...five],
      );
      let handed = 0;
      for (let round = 1; round <= 12 && messages.length > 0; round += 1) {
        handed += messages.length;
        const batches = Array.from({ length: Math.ceil(messages.length / 10) }, (_, b) =>
          messages.slice(b * 10, b * 10 + 10),
        );
        const retried: unknown[] = [];
        for (let i = 0; i < batches.length; i += CONCURRENT_BATCHES) {
          const runs = await Promise.all(
            batches.slice(i, i + CONCURRENT_BATCHES).map((batch) =>
              runQueue(
                "deliveries",
                batch.map((body) => ({ body, attempts: round })),
              ),
            ),
          );
          runs.forEach(({ retries }, b) => {
            retries.forEach((spy, m) => {
              if (spy.mock.calls.length > 0) retried.push(batches[i + b]?.[m]);
            });
          });
        }
        messages = retried;
        mark(`round${round}`);
      }
      expect(messages).toEqual([]);
      mark("redelivered");
      expect(await deliverHeld(webhooks)).toEqual([]);
      const undispatched = await env.DB.prepare(
        "SELECT count(*) AS n FROM invitation_events e JOIN organizations o ON o.id = e.organization_id WHERE o.slug = ? AND e.webhook_type IS NOT NULL AND e.dispatched_at IS NULL",
      )
        .bind(tenant.slug)
        .first<{ n: number }>();
      expect(undispatched?.n).toBe(0);
      mark("fannedOut");
      const rows = await invitationsOf(tenant.slug);
      expect(rows).toHaveLength(INVITATIONS);
      for (const row of rows) {
        const expected = plan.plans.get(row.recipient);
        const calls = provider.calls.filter((c) => c.to === row.recipient).length;
        if (expected?.kind === "permanent") {
          expect(row, row.recipient).toMatchObject({ status: "failed", usage: 0 });
          const { name, message } = expected.error;
          expect(row.error_message, row.recipient).toBe(`Resend ${name}: ${message}`);
          expect(calls, row.recipient).toBe(1);
        } else {
          expect(row, row.recipient).toMatchObject({ status: "sent", delivery_attempts: 1, usage: 1 });
          expect(provider.accepted(row.recipient), row.recipient).toBe(1);
          expect(calls, row.recipient).toBe(expected?.kind === "transient" ? expected.failures + 1 : 1);
        }
      }
      console.info(
        JSON.stringify({
          invitations: rows.length,
          transient: plan.count("transient"),
          permanent: plan.count("permanent"),
          injectedFaults: plan.injected(),
          providerCalls: provider.calls.length,
          handed,
          phases,
        }),
      );
    } finally {
      provider.restore();
      deliveries.restore();
      webhooks.restore();
      for (const spy of quiet) spy.mockRestore();
    }
  });
});
