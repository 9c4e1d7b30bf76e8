import { env } from "cloudflare:workers";
import { describe, it } from "vitest";
import { call, createInvitation, createTenant } from "../../helpers/api";

/** The organization's invitations in D1: other tests (and files) write theirs to the same database. */
const countInvitations = async (organizationId: string) =>
  (
    await env.DB.prepare("select count(*) as n from invitations where organization_id = ?")
      .bind(organizationId)
      .first<{ n: number }>()
  )?.n ?? -1;

describe("POST /v1/autodoc/invitations", () => {
  it("creates a pending invitation with its link and expiry", async ({ expect }) => {
    const tenant = await createTenant();
    const invitation = await createInvitation(tenant.liveKey, {
      workflowToken: tenant.workflowToken,
      channel: "email",
      recipient: "jane@example.com",
      recipientName: "Jane Doe",
      reference: "crm-1",
      metadata: { crmId: "1" },
    });
    expect(invitation).toMatchObject({
      object: "invitation",
      workflowToken: "wf_onboarding",
      channel: "email",
      recipient: "jane@example.com",
      recipientName: "Jane Doe",
      locale: "en",
      reference: "crm-1",
      metadata: { crmId: "1" },
      status: "pending",
      sentAt: null,
      deliveryAttempts: 0,
      errorMessage: null,
      livemode: true,
    });
    expect(invitation.token).toMatch(/^adi_[0-9A-Za-z]{24}$/);
    expect(invitation.url).toBe(
      `https://start.auto-doc.test/wf_onboarding?invitation_token=${invitation.token}`,
    );
    const created = Date.parse(String(invitation.createdAt));
    expect(Date.parse(String(invitation.expiresAt)) - created).toBe(30 * 24 * 3600 * 1000);
  });

  it("is not idempotent: the same body twice makes two invitations", async ({ expect }) => {
    const tenant = await createTenant();
    const body = { workflowToken: tenant.workflowToken, channel: "email", recipient: "a@example.com" };
    const first = await createInvitation(tenant.testKey, body);
    const second = await createInvitation(tenant.testKey, body);
    expect(first.token).not.toBe(second.token);
    expect(first.livemode).toBe(false);
  });

  it("uses the organization's default locale, else the one asked for", async ({ expect }) => {
    const tenant = await createTenant({ defaultLocale: "nl" });
    const base = { workflowToken: tenant.workflowToken, channel: "email", recipient: "a@example.com" };
    expect((await createInvitation(tenant.liveKey, base)).locale).toBe("nl");
    expect((await createInvitation(tenant.liveKey, { ...base, locale: "de" })).locale).toBe("de");
  });

  it.for([
    ["+1 (555) 123-4567", "+15551234567"],
    ["0032 470 12 34 56", "+32470123456"],
    ["+44 20 7946 0958", "+442079460958"],
    ["+15551234567", "+15551234567"],
    ["+33 6 12.34.56.78", "+33612345678"],
  ])("stores the phone number %s as %s", async ([input, e164], { expect }) => {
    const tenant = await createTenant();
    const invitation = await createInvitation(tenant.testKey, {
      workflowToken: tenant.workflowToken,
      channel: "sms",
      recipient: input,
    });
    expect(invitation.recipient).toBe(e164);
  });

  it.for([
    [{ channel: "email", recipient: "not-an-email" }, "recipient"],
    [{ channel: "sms", recipient: "555 123 4567" }, "recipient"],
    [{ channel: "sms", recipient: "+1 call me" }, "recipient"],
    [{ channel: "fax", recipient: "a@example.com" }, "channel"],
    [{ channel: "email", recipient: "" }, "recipient"],
    [{ channel: "email", recipient: "a@example.com", reference: "x".repeat(256) }, "reference"],
    [{ channel: "email", recipient: "a@example.com", metadata: { nested: { a: 1 } } }, "metadata.nested"],
    [{ channel: "email", recipient: "a@example.com", metadata: { n: 1 } }, "metadata.n"],
    [{ channel: "email", recipient: "a@example.com", surprise: true }, "surprise"],
    [{ channel: "email", recipient: "a@example.com", workflowToken: 12 }, "workflowToken"],
  ])("rejects %o naming %s, and writes nothing", async ([patch, field], { expect }) => {
    const tenant = await createTenant();
    const before = await countInvitations(tenant.organizationId);
    const res = await call("POST", "/v1/autodoc/invitations", {
      token: tenant.liveKey,
      body: { workflowToken: tenant.workflowToken, ...(patch as Record<string, unknown>) },
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code: "validation_error" } });
    const details = (res.body.error as { details: { field: string }[] }).details;
    expect(details.map((d) => d.field)).toContain(field);
    expect(await countInvitations(tenant.organizationId)).toBe(before);
  });

  it("rejects more than 50 metadata keys", async ({ expect }) => {
    const tenant = await createTenant();
    const metadata = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, "v"]));
    const res = await call("POST", "/v1/autodoc/invitations", {
      token: tenant.liveKey,
      body: { workflowToken: tenant.workflowToken, channel: "email", recipient: "a@example.com", metadata },
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code: "validation_error", details: [{ field: "metadata" }] } });
  });

  it("answers unsupported_locale with the supported codes", async ({ expect }) => {
    const tenant = await createTenant();
    const res = await call("POST", "/v1/autodoc/invitations", {
      token: tenant.liveKey,
      body: {
        workflowToken: tenant.workflowToken,
        channel: "email",
        recipient: "a@example.com",
        locale: "tlh",
      },
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code: "unsupported_locale" } });
    expect((res.body.error as { supported: string[] }).supported).toEqual(
      expect.arrayContaining(["en", "fr", "nl", "de", "es", "it", "pt"]),
    );
  });

  it("answers invalid_json for a body that is not JSON, and writes nothing", async ({ expect }) => {
    const tenant = await createTenant();
    const before = await countInvitations(tenant.organizationId);
    const res = await call("POST", "/v1/autodoc/invitations", {
      token: tenant.liveKey,
      rawBody: '{"channel":',
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code: "invalid_json" } });
    expect(await countInvitations(tenant.organizationId)).toBe(before);
  });

  it("answers workflow_not_found for unknown, archived, other-mode and other-organization workflows", async ({
    expect,
  }) => {
    const tenant = await createTenant();
    const other = await createTenant();
    const body = { channel: "email", recipient: "a@example.com" };
    const own = await call("POST", "/v1/autodoc/workflows", {
      token: tenant.liveKey,
      body: { name: "Live only" },
    });
    const liveOnly = String(own.body.token);
    expect(liveOnly).toMatch(/^wf_/);
    await call("POST", "/v1/autodoc/workflows", {
      token: other.liveKey,
      body: { name: "Theirs", token: "wf_theirs" },
    });
    await call("POST", `/v1/autodoc/workflows/${tenant.workflowToken}/archive`, { token: tenant.testKey });
    const cases: [string, string][] = [
      [tenant.liveKey, "wf_missing"],
      [tenant.testKey, tenant.workflowToken],
      [tenant.testKey, liveOnly],
      [tenant.liveKey, "wf_theirs"],
    ];
    for (const [key, workflowToken] of cases) {
      const res = await call("POST", "/v1/autodoc/invitations", {
        token: key,
        body: { ...body, workflowToken },
      });
      expect(res.status, workflowToken).toBe(404);
      expect(res.body).toMatchObject({ error: { code: "workflow_not_found" } });
    }
  });

  it("needs a valid private key", async ({ expect }) => {
    for (const token of [undefined, "sk_live_nope", "sk_live_000000000000000000000000000000000"]) {
      const res = await call("GET", "/v1/autodoc/invitations", token ? { token } : {});
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ error: { code: "unauthorized" } });
    }
  });
});
