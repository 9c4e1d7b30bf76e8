import { describe, it } from "vitest";
import { call, createInvitation, createTenant } from "../helpers/api";
import { waitForStatus } from "../helpers/queue";

type Outbox = { data: Record<string, unknown>[] };

describe("create → queue → consumer → outbox", () => {
  it("sends a branded e-mail in the invitation's locale and marks it sent", async ({ expect }) => {
    const tenant = await createTenant({ name: "Acme & Co", replyTo: "help@acme.example" });
    const invitation = await createInvitation(tenant.liveKey, {
      workflowToken: tenant.workflowToken,
      channel: "email",
      recipient: "jane@example.com",
      recipientName: "Jane",
      locale: "fr",
    });
    const sent = await waitForStatus(tenant.liveKey, invitation.token, ["sent"]);
    expect(sent).toMatchObject({ status: "sent", deliveryAttempts: 1, errorMessage: null });
    expect(Date.parse(String(sent.sentAt))).toBeGreaterThan(0);
    const outbox = await call("GET", `/v1/autodoc/outbox?invitation=${invitation.token}`, {
      token: tenant.liveKey,
    });
    const [message] = (outbox.body as unknown as Outbox).data;
    expect(message).toMatchObject({
      invitation: invitation.token,
      attempt: 1,
      channel: "email",
      from: `"Acme & Co" <${tenant.slug}@auto-doc.ai>`,
      to: "jane@example.com",
      replyTo: "help@acme.example",
    });
    expect(String(message?.subject)).toContain("Acme &");
    expect(String(message?.html)).toContain('lang="fr"');
    expect(String(message?.html)).toContain(invitation.url.replaceAll("&", "&amp;"));
    expect(String(message?.html)).toContain("Acme &amp; Co");
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
