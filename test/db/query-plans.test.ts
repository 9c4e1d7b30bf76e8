import { describe, it } from "vitest";
import * as keys from "../../src/db/api-keys-repo";
import * as deliveries from "../../src/db/deliveries-repo";
import * as events from "../../src/db/events-repo";
import * as expiry from "../../src/db/expiry-repo";
import * as invitations from "../../src/db/invitations-repo";
import { recordLinkVisits } from "../../src/db/link-visits-repo";
import { findLinkTarget } from "../../src/db/links-repo";
import * as organizations from "../../src/db/organizations-repo";
import * as outbox from "../../src/db/outbox-repo";
import { runPlan } from "../../src/db/plan";
import * as mirrors from "../../src/db/send-mirror-repo";
import * as sends from "../../src/db/sends-repo";
import { findShortLinkTarget } from "../../src/db/short-links-repo";
import { usageByDay } from "../../src/db/usage-repo";
import * as deliveriesOfWebhooks from "../../src/db/webhook-deliveries-repo";
import * as endpoints from "../../src/db/webhook-endpoints-repo";
import * as workflows from "../../src/db/workflows-repo";
import { createInvitation, createTenant } from "../helpers/api";
import { capturingDb, fullScans } from "../helpers/query-plans";

/** Runs every repository function against real D1 through a client that records each statement. */
async function captureRepositoryQueries() {
  const tenant = await createTenant();
  const invitation = await createInvitation(tenant.liveKey, {
    workflowToken: tenant.workflowToken,
    channel: "email",
    recipient: "plan@example.com",
    reference: "plan-ref",
  });
  const { db, captured } = capturingDb();
  const org = await organizations.findOrganizationBySlug(db, tenant.slug);
  if (!org) throw new Error("seeded organization missing");
  const scope = { organizationId: org.id, livemode: true };
  const now = new Date();
  await keys.findActiveKeyByHash(db, "0".repeat(64));
  await keys.revokeApiKey(db, org.id, "key_missing", now);
  const [newestKey] = (await keys.listApiKeys(db, org.id, { limit: 1 }))?.records ?? [];
  await keys.listApiKeys(db, org.id, { limit: 20, startingAfter: newestKey?.id ?? "key_missing" });
  await organizations.updateOrganizationBySlug(db, tenant.slug, { name: "Renamed" });
  await workflows.listWorkflows(db, scope);
  await workflows.findWorkflow(db, scope, tenant.workflowToken);
  await workflows.archiveWorkflow(db, scope, "wf_missing");
  await invitations.findInvitation(db, scope, "autodoc", invitation.token);
  const id = await invitations.findInvitationId(db, scope, invitation.token);
  for (const filters of [
    { limit: 20 },
    { limit: 20, reference: "plan-ref" },
    { limit: 20, statuses: ["pending" as const, "sending" as const] },
    { limit: 20, channel: "sms" as const },
    { limit: 20, beforeId: id ?? 0 },
  ]) {
    await invitations.listInvitations(db, scope, filters);
  }
  const resend = { from: ["sent" as const], previousAttempts: 5, attempt: 6 };
  await runPlan(db, invitations.markPendingAgain(db, scope, "autodoc", invitation.token, resend, now));
  await deliveries.loadForDelivery(db, invitation.token);
  await deliveries.loadForDeliveries(db, [invitation.token, "adi_missing"]);
  const failure = { attempt: 1, provider: null, reason: "plan", retryInSeconds: 30 };
  await runPlan(db, deliveries.recordTransientFailure(db, invitation.token, failure, now));
  await deliveries.findOverduePending(db, now, 10);
  await deliveries.markRequeued(db, [invitation.token], now);
  const send = { token: invitation.token, attempt: 9, sentAt: now, organizationId: org.id, livemode: true };
  await runPlan(db, mirrors.recordAcceptedSend(db, { ...send, channel: "email" }, now));
  const answer = { provider: "outbox", providerMessageId: "msg_plan", calledAt: now };
  const stored = {
    id: "msg_plan",
    organizationId: org.id,
    livemode: true,
    invitationToken: invitation.token,
    attempt: 10,
    channel: "email" as const,
    toAddress: "plan@example.com",
    text: "plan",
    createdAt: now,
  };
  await runPlan(
    db,
    mirrors.recordAcceptedSend(db, { ...send, attempt: 10, channel: "email", answer, stored }, now),
  );
  await runPlan(db, deliveries.markFailed(db, "adi_missing", "plan", now));
  await findLinkTarget(db, invitation.token);
  await findShortLinkTarget(db, "planCode0000");
  const visit = (person: boolean) => ({ visitId: crypto.randomUUID(), at: now, person, click: {} });
  const { token } = invitation;
  const { workflowToken } = tenant;
  await runPlan(
    db,
    recordLinkVisits(
      db,
      [
        { link: "start", token, workflowToken, ...visit(true) },
        { link: "start", token, workflowToken, ...visit(false) },
        { link: "short", code: "planCode0000", ...visit(true) },
        { link: "short", code: "planCode0000", ...visit(false) },
      ],
      "plan-attempt",
      now,
    ),
  );
  await outbox.listOutboxMessages(db, scope, { invitationToken: invitation.token, limit: 20 });
  await usageByDay(db, org.id, new Date(0), now);
  await outbox.listRecentOutboxMessages(db, 5);
  const [created] = await events.listTimeline(db, scope, invitation.token);
  if (!created) throw new Error("created event missing");
  await events.findEvent(db, created.id);
  await events.findFanout(db, created.id);
  await events.abandonFanout(db, created, "plan", now);
  await events.markDispatched(db, created.id, now);
  await events.findUndispatched(db, now, 10);
  const key = { invitationToken: invitation.token, attempt: 7 };
  const call = { provider: "resend", providerMessageId: "plan-msg", calledAt: now };
  await runPlan(db, mirrors.recordAcceptedCall(db, key, call, undefined, now));
  await sends.findAcceptedCall(db, key);
  await sends.findSendByProviderMessage(db, "resend", "plan-msg");
  await endpoints.listWebhookEndpoints(db, scope);
  const deliveryKey = {
    endpointId: "we_missing",
    eventId: created.id,
    invitationToken: invitation.token,
    deliveredKey: "webhook:missing",
    dispatches: true,
  };
  await runPlan(
    db,
    deliveriesOfWebhooks.readDeliveryTargets(db, [deliveryKey, { ...deliveryKey, dispatches: false }], now),
  );
  const endpoint = { url: "https://customer.example/plan", events: [], secretCiphertext: "x" };
  const row = {
    ...endpoint,
    id: "we_plan",
    organizationId: org.id,
    livemode: true,
    status: "enabled" as const,
  };
  await endpoints.insertWebhookEndpointWithinCap(db, { ...row, createdAt: now });
  await endpoints.subscribedEndpoints(db, scope, "standard", "invitation.sent");
  await endpoints.subscribedEndpoints(db, scope, "vortex", "invitation.created");
  await endpoints.listVortexWebhookEndpoints(db, org.id);
  await endpoints.deleteVortexWebhookEndpoints(db, org.id, "vwh_missing");
  await endpoints.deleteVortexWebhookEndpoints(db, org.id);
  await runPlan(db, endpoints.disableWebhookEndpoint(db, "we_missing", "plan"));
  await endpoints.deleteWebhookEndpoint(db, scope, "we_missing");
  await invitations.findInvitationByToken(db, invitation.token);
  await expiry.findExpiredUnannounced(db, now, 10);
  await runPlan(db, expiry.announceExpiries(db, ["adi_missing", "adi_other"], now));
  return captured;
}

describe("query plans", () => {
  it("serves every repository statement (batches and INSERT … SELECT included) from an index, never a full table scan", async ({
    expect,
  }) => {
    const queries = await captureRepositoryQueries();
    expect(queries.length).toBeGreaterThan(35);
    for (const { query, plan, scans } of await fullScans(queries)) {
      expect(scans, `${query}\n${plan.join("\n")}`).toEqual([]);
    }
  });

  it("reads undispatched webhook events oldest first straight from the partial index, without a sort", async ({
    expect,
  }) => {
    const { db, captured } = capturingDb();
    await events.findUndispatched(db, new Date(), 500);
    const [found] = await fullScans(captured);
    expect(found?.query).toMatch(/order by "invitation_events"."occurred_at"/i);
    expect(found?.plan.join("\n")).toMatch(/USING INDEX events_undispatched_idx/);
    expect(found?.plan.join("\n")).not.toMatch(/TEMP B-TREE/);
  });
});
