import { describe, it } from "vitest";
import { resendRequests } from "../fakes/resend-api";
import { call, createInvitation, createTenant } from "../helpers/api";
import { REAL_QUEUE_TEST_TIMEOUT, waitForStatus } from "../helpers/queue";

type Outbox = { data: Record<string, unknown>[] };

// Through the real local queue on purpose: these are the end-to-end tests of the delivery pipeline.
describe("create → queue → consumer → outbox", { timeout: REAL_QUEUE_TEST_TIMEOUT }, () => {
  it("sends a live e-mail through Resend: branded, localized, with its idempotency key, and marks it sent", async ({
    expect,
  }) => {
    const tenant = await createTenant({ name: "Acme & Co", replyTo: "help@acme.example" });
    const recipient = `jane-${crypto.randomUUID()}@example.com`;
    const invitation = await createInvitation(tenant.liveKey, {
      workflowToken: tenant.workflowToken,
      channel: "email",
      recipient,
      recipientName: "Jane",
      locale: "fr",
    });
    const sent = await waitForStatus(tenant.liveKey, invitation.token, ["sent"]);
    expect(sent).toMatchObject({ status: "sent", deliveryAttempts: 1, errorMessage: null });
    const requests = resendRequests.filter((r) => r.body.to.includes(recipient));
    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect(request?.headers.authorization).toBe("Bearer re_test_0123456789abcdef");
    expect(request?.headers["idempotency-key"]).toBe(`${invitation.token}:1`);
    expect(request?.body).toMatchObject({
      from: `"Acme & Co" <${tenant.slug}@auto-doc.ai>`,
      to: [recipient],
      reply_to: "help@acme.example",
    });
    expect(request?.body.subject).toContain("Acme &");
    expect(request?.body.html).toContain('lang="fr"');
    expect(request?.body.html).toContain(invitation.url.replaceAll("&", "&amp;"));
    expect(request?.body.html).toContain("Acme &amp; Co");
    expect(request?.body.text).toContain(invitation.url);
  });

  it("follows a test-mode send to delivered@resend.dev with a simulated delivery", async ({ expect }) => {
    const tenant = await createTenant();
    const invitation = await createInvitation(tenant.testKey, {
      workflowToken: tenant.workflowToken,
      channel: "email",
      recipient: "delivered@resend.dev",
    });
    const delivered = await waitForStatus(tenant.testKey, invitation.token, ["delivered"]);
    expect(delivered.deliveryAttempts).toBe(1);
    const timeline = await call("GET", `/v1/autodoc/invitations/${invitation.token}/events`, {
      token: tenant.testKey,
    });
    expect((timeline.body.data as { type: string }[]).map((e) => e.type)).toContain("provider.delivered");
  });

  it("keeps a test-mode e-mail in the outbox instead of sending it", async ({ expect }) => {
    const tenant = await createTenant({ replyTo: "help@acme.example" });
    const invitation = await createInvitation(tenant.testKey, {
      workflowToken: tenant.workflowToken,
      channel: "email",
      recipient: "outbox-only@example.com",
      locale: "de",
    });
    await waitForStatus(tenant.testKey, invitation.token, ["sent"]);
    expect(resendRequests.some((r) => r.body.to.includes("outbox-only@example.com"))).toBe(false);
    const outbox = await call("GET", `/v1/autodoc/outbox?invitation=${invitation.token}`, {
      token: tenant.testKey,
    });
    const [message] = (outbox.body as unknown as Outbox).data;
    expect(message).toMatchObject({
      invitation: invitation.token,
      attempt: 1,
      channel: "email",
      from: `"Acme Corp" <${tenant.slug}@auto-doc.ai>`,
      to: "outbox-only@example.com",
      replyTo: "help@acme.example",
    });
    expect(String(message?.html)).toContain('lang="de"');
    expect(String(message?.text)).toContain(invitation.url);
  });

  it("sends an SMS with the link, within one GSM-7 segment", async ({ expect }) => {
    const tenant = await createTenant();
    const invitation = await createInvitation(tenant.testKey, {
      workflowToken: tenant.workflowToken,
      channel: "sms",
      recipient: "+32 470 12 34 56",
      locale: "nl",
    });
    await waitForStatus(tenant.testKey, invitation.token, ["sent"]);
    const outbox = await call("GET", `/v1/autodoc/outbox?invitation=${invitation.token}`, {
      token: tenant.testKey,
    });
    const [message] = (outbox.body as unknown as Outbox).data;
    expect(message).toMatchObject({ channel: "sms", to: "+32470123456", subject: null, html: null });
    expect(String(message?.text)).toContain(invitation.url);
    expect(String(message?.text).length).toBeLessThanOrEqual(160);
  });

  it("fails a permanently undeliverable recipient with the reason", async ({ expect }) => {
    const tenant = await createTenant();
    const invitation = await createInvitation(tenant.testKey, {
      workflowToken: tenant.workflowToken,
      channel: "sms",
      recipient: "+15005550009",
    });
    const failed = await waitForStatus(tenant.testKey, invitation.token, ["failed"]);
    expect(failed).toMatchObject({ status: "failed", deliveryAttempts: 0, sentAt: null });
    expect(String(failed.errorMessage)).toContain("21614");
  });
});
