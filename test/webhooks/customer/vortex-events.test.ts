import { env } from "cloudflare:workers";
import { describe, it } from "vitest";
import { receivedAt } from "../../fakes/customer-endpoint";
import { holdQueue } from "../../helpers/held-queue";
import { deliverWebhooksOf, holdWebhooksInEachTest } from "../../helpers/held-webhooks";
import { openLink } from "../../helpers/link-visits";
import { postResendEvent, providerMessageId, resendEvent } from "../../helpers/provider-callbacks";
import { withDeliveryHandedOver } from "../../helpers/queue";
import { runDailyJobFor } from "../../helpers/sweeps";
import { createVortexTenant, vortex, waitForVortexStatus } from "../../helpers/vortex";
import { createLiveInvitation, eventsAt, subscribe, uniquePath } from "../../helpers/vortex-webhooks";

// Each test delivers its webhooks itself: nothing is left to the background queue, so "only these" holds.
const webhooks = holdWebhooksInEachTest();
const deliverAll = (tenant: { organizationId: string }) =>
  deliverWebhooksOf(webhooks.queue, tenant.organizationId);

describe("Vortex webhooks: each event, in the state-event shape, verified by VortexWebhooks", () => {
  it("sends invitation.created as a Vortex state event, signed so that VortexWebhooks accepts it", async ({
    expect,
  }) => {
    const tenant = await createVortexTenant();
    const path = uniquePath("created");
    const { secret } = await subscribe(tenant, path);
    const { id } = await createLiveInvitation(tenant, { type: "email", value: "Jane@Example.com" });
    expect(await deliverAll(tenant)).toEqual([]);
    const events = eventsAt(path, secret);
    expect(events).toHaveLength(1);
    const [event] = events;
    const [raw] = receivedAt(path);
    expect(raw?.headers["x-vortex-signature"]).toMatch(/^[0-9a-f]{64}$/);
    expect(raw?.headers["webhook-signature"]).toBeUndefined();
    const invitation = (await vortex(tenant.vortexLive, "GET", `/invitations/${id}`)).body;
    const group = (invitation.groups as Record<string, unknown>[])[0];
    expect(event).toEqual({
      id: expect.stringMatching(/^evt_/),
      type: "invitation.created",
      timestamp: invitation.createdAt,
      accountId: invitation.accountId,
      environmentId: invitation.deploymentId,
      sourceTable: "invitations",
      operation: "insert",
      data: {
        invitationId: id,
        status: expect.stringMatching(/^(queued|sending|sent)$/),
        targetType: "email",
        targetValue: "jane@example.com",
        targetEmail: "jane@example.com",
        widgetConfigurationId: tenant.widgetId,
        foreignCreatorId: "user-12345",
        groups: [group],
        metadata: { referralCode: "ABC123" },
      },
    });
    expect(group).toMatchObject({ groupId: "team-abc123", type: "team", name: "Engineering Team" });
    expect(invitation.deploymentId).toBe(`${invitation.accountId}:live`);
  });

  it("describes a phone invitation without targetEmail or groups", async ({ expect }) => {
    const tenant = await createVortexTenant();
    const path = uniquePath("phone");
    const { secret } = await subscribe(tenant, path);
    // Its send is held too, so that the event describes the invitation still queued, as it was created.
    const deliveries = holdQueue(env.DELIVERIES);
    const { id } = await createLiveInvitation(
      tenant,
      { type: "phone", value: "+1 415 555 0100" },
      { groups: undefined, metadata: { plan: "pro" } },
    ).finally(() => deliveries.restore());
    expect(await deliverAll(tenant)).toEqual([]);
    const events = eventsAt(path, secret);
    expect(events).toHaveLength(1);
    expect(events[0]?.data).toEqual({
      invitationId: id,
      status: "queued",
      targetType: "phone",
      targetValue: "+14155550100",
      widgetConfigurationId: tenant.widgetId,
      foreignCreatorId: "user-12345",
      metadata: { plan: "pro" },
    });
  });

  it("turns the e-mail's delivered, opened and bounced events and a link click into invitation.email.* and link.clicked", async ({
    expect,
  }) => {
    const tenant = await createVortexTenant();
    const path = uniquePath("email");
    const { secret } = await subscribe(tenant, path);
    const opened = await withDeliveryHandedOver(() =>
      createLiveInvitation(tenant, { type: "email", value: "opens@example.com" }),
    );
    const bounced = await withDeliveryHandedOver(() =>
      createLiveInvitation(tenant, { type: "email", value: "bounces@example.com" }),
    );
    await waitForVortexStatus(tenant.vortexLive, opened.id, ["sent"]);
    await waitForVortexStatus(tenant.vortexLive, bounced.id, ["sent"]);
    const openedMessage = await providerMessageId(opened.id);
    await postResendEvent(resendEvent("email.delivered", openedMessage));
    // Fanned out now, while the invitation is delivered: a webhook describes the invitation at its fan-out.
    await deliverAll(tenant);
    // A person clicks before Resend reports the open: the open is still an e-mail event of its own.
    const click = await openLink(opened.shortLink, { userAgent: "Mozilla/5.0 Chrome/131" });
    expect(click.status).toBe(302);
    await postResendEvent(resendEvent("email.opened", openedMessage));
    await postResendEvent(resendEvent("email.opened", openedMessage));
    const bounce = { bounce: { message: "The recipient's mailbox does not exist.", type: "Permanent" } };
    await postResendEvent(resendEvent("email.bounced", await providerMessageId(bounced.id), bounce));
    expect(await deliverAll(tenant)).toEqual([]);
    const events = eventsAt(path, secret);
    const typesOf = (id: string) =>
      events
        .filter((e) => e.data.invitationId === id)
        .map((e) => e.type)
        .sort();
    expect(typesOf(opened.id)).toEqual(
      [
        "invitation.created",
        "invitation.email.delivered",
        "invitation.link.clicked",
        "invitation.email.opened",
      ].sort(),
    );
    expect(typesOf(bounced.id)).toEqual(["invitation.created", "invitation.email.bounced"].sort());
    for (const event of events) {
      expect(event.operation).toBe(event.type === "invitation.created" ? "insert" : "update");
      expect(event.data.metadata).toEqual({ referralCode: "ABC123" });
    }
    expect(events.find((e) => e.type === "invitation.email.delivered")?.data.status).toBe("delivered");
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
  });

  it("sends invitation.deactivated once for a revoke, and for an expiry of an invitation not revoked", async ({
    expect,
  }) => {
    const tenant = await createVortexTenant();
    const path = uniquePath("deactivated");
    const { secret } = await subscribe(tenant, path, { events: ["invitation.deactivated"] });
    const revoked = await createLiveInvitation(tenant, { type: "internal", value: "user-777" });
    const expiring = await createLiveInvitation(tenant, { type: "internal", value: "user-778" });
    expect((await vortex(tenant.vortexLive, "DELETE", `/invitations/${revoked.id}`)).status).toBe(200);
    expect((await vortex(tenant.vortexLive, "DELETE", `/invitations/${revoked.id}`)).status).toBe(200);
    await env.DB.prepare("update invitations set expires_at = ? where token in (?, ?)")
      .bind(Date.now() - 1000, revoked.id, expiring.id)
      .run();
    await runDailyJobFor([revoked.id, expiring.id]);
    expect(await deliverAll(tenant)).toEqual([]);
    const events = eventsAt(path, secret);
    expect(events.map((e) => [e.type, e.data.invitationId]).sort()).toEqual(
      [
        ["invitation.deactivated", revoked.id],
        ["invitation.deactivated", expiring.id],
      ].sort(),
    );
    expect(events.every((e) => e.operation === "update" && e.data.targetType === "internal")).toBe(true);
  });

  it("sends invitation.accepted when the invitee accepts", async ({ expect }) => {
    const tenant = await createVortexTenant();
    const path = uniquePath("accepted");
    const { secret } = await subscribe(tenant, path, { events: ["invitation.accepted"] });
    const { id } = await createLiveInvitation(tenant, { type: "internal", value: "user-55" });
    const accept = await vortex(tenant.vortexLive, "POST", "/invitations/accept", {
      invitationIds: [id],
      user: { email: "pat@example.com", name: "Pat", isExisting: false },
    });
    expect(accept.status).toBe(200);
    expect(await deliverAll(tenant)).toEqual([]);
    const events = eventsAt(path, secret);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: "invitation.accepted",
      operation: "update",
      data: { invitationId: id, status: "accepted", metadata: { referralCode: "ABC123" } },
    });
  });
});
