import { env } from "cloudflare:workers";
import { describe, it, vi } from "vitest";
import { D1Metrics } from "../../src/db/d1-metrics";
import { EXPIRIES_PER_RUN } from "../../src/invitations/expire";
import { DAILY_CRON, runScheduled } from "../../src/scheduled";
import { createTenant } from "../helpers/api";
import { holdQueue } from "../helpers/held-queue";
import { deliverHeld } from "../helpers/held-webhooks";
import { sentInvitation } from "../helpers/invitations";
import { cloneVortexInvitation } from "../helpers/vortex-seed";

const countWhere = async (sql: string, ...params: unknown[]) =>
  (
    await env.DB.prepare(sql)
      .bind(...params)
      .first<{ n: number }>()
  )?.n ?? 0;

describe("the daily expiry job at scale", () => {
  // A thousand fan-outs handed to the consumer take seconds (about 5 ms of D1 round trips each, alone on the
  // machine; three times that beside another test run).
  it("announces a backlog past one run in runs of two D1 queries, each invitation once", {
    timeout: 60_000,
  }, async ({ expect }) => {
    const tenant = await createTenant();
    // Sent, like its copies: a thousand pending ones would be the delivery sweeper's work in later files.
    const template = await sentInvitation(tenant.testKey, tenant, { recipient: "late@example.com" });
    const copies = await cloneVortexInvitation(template.token, EXPIRIES_PER_RUN);
    const tokens = [template.token, ...copies.map((copy) => copy.token)];
    // Expired long before anything another test file leaves expired, so the runs take these first.
    await env.DB.prepare(
      "UPDATE invitations SET expires_at = ?1 + key FROM json_each(?2) WHERE token = value",
    )
      .bind(Date.UTC(2000, 0, 1), JSON.stringify(tokens))
      .run();
    const announced = () =>
      countWhere(
        "SELECT count(*) AS n FROM invitation_events WHERE type = 'invitation.expired' AND invitation_token IN (SELECT value FROM json_each(?1))",
        JSON.stringify(tokens),
      );

    // A thousand fan-outs: handed to the consumer here rather than left to the background queue.
    const webhooks = holdQueue(env.WEBHOOKS);
    try {
      const metrics = new D1Metrics();
      await runScheduled(DAILY_CRON, { ...env, DB: metrics.wrap(env.DB) });
      // One read, one batch: far inside the 1,000 queries a Worker invocation may make.
      expect(metrics.roundTrips).toBe(2);
      expect(await announced()).toBe(EXPIRIES_PER_RUN);
      await runScheduled(DAILY_CRON, env);
      expect(await announced()).toBe(EXPIRIES_PER_RUN + 1);
      await runScheduled(DAILY_CRON, env);
      expect(await announced()).toBe(EXPIRIES_PER_RUN + 1);
      expect(
        await countWhere(
          "SELECT count(*) AS n FROM invitations WHERE expiry_notified = 1 AND token IN (SELECT value FROM json_each(?1))",
          JSON.stringify(tokens),
        ),
      ).toBe(tokens.length);
      // A thousand info lines would cost the test runner more than the fan-outs; errors still print.
      const quiet = vi.spyOn(console, "log").mockReturnValue();
      try {
        expect(await deliverHeld(webhooks)).toEqual([]);
      } finally {
        quiet.mockRestore();
      }
    } finally {
      webhooks.restore();
    }
    const undispatched = await countWhere(
      "SELECT count(*) AS n FROM invitation_events WHERE type = 'invitation.expired' AND dispatched_at IS NULL AND invitation_token IN (SELECT value FROM json_each(?1))",
      JSON.stringify(tokens),
    );
    expect(undispatched).toBe(0);
  });
});
