import { env } from "cloudflare:workers";
import { describe, it } from "vitest";
import { call, createInvitation, createTenant, type Tenant } from "../helpers/api";
import { CHROME, openLink } from "../helpers/link-visits";

/** A click, and (when it returns) its visit recorded by the link-visits consumer. */
const click = openLink;

async function invite(tenant: Tenant, extra: Record<string, unknown> = {}) {
  return createInvitation(tenant.testKey, {
    workflowToken: tenant.workflowToken,
    channel: "email",
    recipient: "visitor@example.com",
    ...extra,
  });
}

const statusOf = async (tenant: Tenant, token: string) =>
  (await call("GET", `/v1/autodoc/invitations/${token}`, { token: tenant.testKey })).body.status;

describe("the recipient's link on the start host", () => {
  it("redirects a person to the visitor app and marks the invitation opened", async ({ expect }) => {
    const tenant = await createTenant();
    const invitation = await invite(tenant);
    const res = await click(invitation.url);
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(
      `https://app.auto-doc.test/start/wf_onboarding?invitation_token=${invitation.token}`,
    );
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    expect(res.headers.get("Referrer-Policy")).toBe("no-referrer");
    expect(await statusOf(tenant, invitation.token)).toBe("opened");
    const again = await click(invitation.url);
    expect(again.status).toBe(302);
    expect(await statusOf(tenant, invitation.token)).toBe("opened");
  });

  it.for([
    ["HEAD", CHROME],
    ["GET", null],
    ["GET", ""],
    ["GET", "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)"],
    ["GET", "Mozilla/5.0 (compatible; BingPreview/1.0b)"],
    ["GET", "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)"],
    ["GET", "WhatsApp/2.23.20.0"],
  ] as const)(
    "gives %s with user agent %j the redirect and changes nothing",
    async ([method, ua], { expect }) => {
      const tenant = await createTenant();
      const invitation = await invite(tenant);
      const res = await click(invitation.url, { method, userAgent: ua });
      expect(res.status).toBe(302);
      expect(res.headers.get("Location")).toContain("https://app.auto-doc.test/start/wf_onboarding");
      expect(await statusOf(tenant, invitation.token)).not.toBe("opened");
    },
  );

  it("answers an expired link with a localized 410 page and changes nothing", async ({ expect }) => {
    const tenant = await createTenant({ name: "Expired Co" });
    const invitation = await invite(tenant, { locale: "de" });
    await env.DB.prepare("update invitations set expires_at = ? where token = ?")
      .bind(Date.now() - 1000, invitation.token)
      .run();
    const res = await click(invitation.url);
    expect(res.status).toBe(410);
    expect(res.headers.get("Content-Type")).toContain("text/html");
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    const html = await res.text();
    expect(html).toContain('lang="de"');
    expect(html).toContain("Expired Co");
    expect(await statusOf(tenant, invitation.token)).not.toBe("opened");
  });

  it("answers unknown, tampered, truncated and other-workflow tokens with a 404 page", async ({ expect }) => {
    const tenant = await createTenant();
    const invitation = await invite(tenant);
    const base = "https://start.auto-doc.test";
    const tampered = `${invitation.token.slice(0, -1)}${invitation.token.endsWith("A") ? "B" : "A"}`;
    const urls = [
      `${base}/wf_onboarding?invitation_token=${tampered}`,
      `${base}/wf_onboarding?invitation_token=${invitation.token.slice(0, 20)}`,
      `${base}/wf_other?invitation_token=${invitation.token}`,
      `${base}/wf_onboarding`,
      `${base}/`,
      `${base}/wf_onboarding/extra?invitation_token=${invitation.token}`,
    ];
    for (const url of urls) {
      const res = await click(url, { language: "es-ES,es;q=0.9" });
      expect(res.status, url).toBe(404);
      expect(res.headers.get("Location"), url).toBeNull();
      expect(await res.text(), url).toContain('lang="es"');
    }
    expect(await statusOf(tenant, invitation.token)).not.toBe("opened");
  });

  it("never redirects anywhere but the visitor app", async ({ expect }) => {
    const tenant = await createTenant();
    const invitation = await invite(tenant);
    const sneaky = `https://start.auto-doc.test/wf_onboarding?invitation_token=${invitation.token}&next=https://evil.example`;
    const res = await click(sneaky);
    expect(res.status).toBe(302);
    expect(new URL(String(res.headers.get("Location"))).origin).toBe("https://app.auto-doc.test");
    for (const path of ["//evil.example", "/%2F%2Fevil.example", "/..%2F..%2Fevil"]) {
      const odd = await click(`https://start.auto-doc.test${path}?invitation_token=${invitation.token}`);
      expect(odd.status, path).toBe(404);
    }
  });
});
