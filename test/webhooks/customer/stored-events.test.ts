import { env } from "cloudflare:workers";
import { describe, it } from "vitest";
import { receivedAt } from "../../fakes/customer-endpoint";
import { createInvitation } from "../../helpers/api";
import { countedEnv } from "../../helpers/counted-env";
import { withoutItsMessage } from "../../helpers/invitations";
import { runQueue } from "../../helpers/queue";
import { seedTenant } from "../../helpers/seed-tenant";
import { testModeEndpoint } from "../../helpers/webhook-events";

describe("webhook events stored before their insert kept their subscribers", () => {
  it("are fanned out to the endpoints subscribed now, and post the payload stored with them", async ({
    expect,
  }) => {
    const tenant = await seedTenant();
    const endpoint = await testModeEndpoint(tenant, "stored-event", ["invitation.resent"]);
    const invitation = await withoutItsMessage(() =>
      createInvitation(tenant.testKey, {
        workflowToken: tenant.workflowToken,
        channel: "email",
        recipient: "stored-event@example.com",
      }),
    );
    // As the earlier code stored it: no `fanout`, not dispatched, its payload rendered at its first fan-out.
    const stored = '{"type":"invitation.resent","rendered":"by the earlier code"}';
    const row = await env.DB.prepare(
      `INSERT INTO invitation_events
         (public_id, invitation_token, organization_id, livemode, type, webhook_type, data, occurred_at, payload)
       SELECT ?1, token, organization_id, livemode, 'invitation.resent', 'invitation.resent', '{}', ?2, ?3
       FROM invitations WHERE token = ?4 RETURNING id`,
    )
      .bind(`evt_stored_${crypto.randomUUID().slice(0, 8)}`, Date.now() - 120_000, stored, invitation.token)
      .first<{ id: number }>();
    if (!row) throw new Error("event not stored");
    const counted = countedEnv();
    try {
      await runQueue("webhooks", [{ body: { v: 1, kind: "fanout", eventId: row.id } }], counted.env);
      expect(counted.held.webhooks.bodies()).toEqual([
        expect.objectContaining({ kind: "deliver", eventId: row.id, endpointId: endpoint.id }),
      ]);
      expect(await counted.drain("webhooks")).toBe(1);
    } finally {
      counted.restore();
    }
    expect(receivedAt(endpoint.path).map((r) => r.body)).toEqual([stored]);
    const after = await env.DB.prepare("SELECT dispatched_at FROM invitation_events WHERE id = ?")
      .bind(row.id)
      .first<{ dispatched_at: number | null }>();
    expect(after?.dispatched_at).not.toBeNull();
  });
});
