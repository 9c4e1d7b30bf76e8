import { env } from "cloudflare:workers";
import { describe, it, vi } from "vitest";
import { admin, call, createTenant } from "../helpers/api";
import { runQueue } from "../helpers/queue";
import { faultPlan, faultRecipient } from "./fault-plan";
import { recordProviderCalls } from "./provider-calls";

const INVITATIONS = 500;

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
      // The real queue delivers every message too, but slowly (50 batches) and each transient failure only
      // after a 30 s+ backoff: the same consumer is handed the messages directly, in rounds, until nothing is
      // pending. A copy the real queue is sending at that moment is refused by the gate and comes back later.
      let handed = 0;
      for (let round = 1; round <= 12; round += 1) {
        const pending = (await invitationsOf(tenant.slug)).filter((r) => r.status === "pending");
        if (pending.length === 0) break;
        handed += pending.length;
        const batches = Array.from({ length: Math.ceil(pending.length / 10) }, (_, b) =>
          pending.slice(b * 10, b * 10 + 10).map((r) => ({
            body: { v: 1, invitationToken: r.token, attempt: r.delivery_attempts + 1 },
            attempts: round,
          })),
        );
        for (let i = 0; i < batches.length; i += 5) {
          await Promise.all(batches.slice(i, i + 5).map((batch) => runQueue("deliveries", batch)));
        }
        mark(`round${round}`);
      }
      mark("redelivered");
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
      for (const spy of quiet) spy.mockRestore();
    }
  });
});
