import { env } from "cloudflare:workers";
import { describe, it } from "vitest";
import { createInvitation, createTenant } from "../helpers/api";
import { type ClickInit, clickLink } from "../helpers/link-visits";
import { shortLinkInvitation } from "../helpers/short-links";
import { createVortexTenant, vortex } from "../helpers/vortex";

const SLACKBOT = "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)";
const ASKERS: [who: string, init: ClickInit][] = [
  ["a person", {}],
  ["a preview bot", { userAgent: SLACKBOT }],
  ["HEAD", { method: "HEAD" }],
];

/** The 410 page of a closed link, as each kind of visitor gets it; HEAD has no body, so its page is "". */
async function closedPages(url: string) {
  const pages: string[] = [];
  for (const [who, init] of ASKERS) {
    const { res, visits } = await clickLink(url, init);
    if (res.status !== 410) throw new Error(`${who}: expected 410, got ${res.status}`);
    if (visits.length > 0) throw new Error(`${who}: a closed link queued a visit`);
    pages.push(await res.text());
  }
  return pages.filter((page) => page !== "");
}

async function setColumn(token: string, column: "expires_at" | "deactivated", value: number) {
  await env.DB.prepare(`UPDATE invitations SET ${column} = ? WHERE token = ?`).bind(value, token).run();
}

async function startInvitation(organization = "Acme & <Sons>", locale = "en") {
  const tenant = await createTenant({ name: organization });
  return createInvitation(tenant.testKey, {
    workflowToken: tenant.workflowToken,
    channel: "email",
    recipient: "closed@example.com",
    locale,
  });
}

describe("a closed link's page says why it is closed", () => {
  it("short link revoked by the sender: withdrawn, never expired", async ({ expect }) => {
    const tenant = await createVortexTenant();
    const invitation = await shortLinkInvitation(tenant, {
      inviter: { userId: "u-1", userEmail: "jo@example.com", name: "Jo <b>&</b> Co" },
    });
    expect((await vortex(tenant.vortexTest, "DELETE", `/invitations/${invitation.id}`)).status).toBe(200);
    for (const html of await closedPages(invitation.shortLink)) {
      expect(html).toContain("<title>Invitation withdrawn</title>");
      expect(html).toContain("Jo &lt;b&gt;&amp;&lt;/b&gt; Co has withdrawn this invitation");
      expect(html).not.toContain("<b>");
      expect(html).not.toMatch(/expired/i);
    }
  });

  it("short link of a deleted group: withdrawn", async ({ expect }) => {
    const tenant = await createVortexTenant();
    const invitation = await shortLinkInvitation(tenant);
    const deleted = await vortex(tenant.vortexTest, "DELETE", "/invitations/by-group/team/team-abc123");
    expect(deleted.status).toBe(200);
    for (const html of await closedPages(invitation.shortLink)) {
      expect(html).toContain("John Doe has withdrawn this invitation");
    }
  });

  it("short link the recipient declined: declined, neither withdrawn nor expired", async ({ expect }) => {
    const tenant = await createVortexTenant();
    const { shortLink } = await shortLinkInvitation(tenant, {
      target: { type: "internal", value: "decliner" },
    });
    const declined = await vortex(tenant.vortexTest, "POST", "/invitations/sync-internal-invitation", {
      creatorId: "user-12345",
      componentId: tenant.widgetId,
      targetValue: "decliner",
      action: "declined",
    });
    expect(declined.status).toBe(200);
    for (const html of await closedPages(shortLink)) {
      expect(html).toContain("<title>Invitation declined</title>");
      expect(html).toContain("ask John Doe for a new invitation");
      expect(html).not.toMatch(/withdrawn|expired/i);
    }
  });

  it("short link expired: expired, never withdrawn", async ({ expect }) => {
    const tenant = await createVortexTenant();
    const invitation = await shortLinkInvitation(tenant);
    await setColumn(invitation.id, "expires_at", Date.now() - 1000);
    for (const html of await closedPages(invitation.shortLink)) {
      expect(html).toContain("<title>Invitation expired</title>");
      expect(html).not.toMatch(/withdrawn/i);
    }
  });

  it("start link revoked: withdrawn by the organization, escaped, in the invitation's language", async ({
    expect,
  }) => {
    const invitation = await startInvitation();
    await setColumn(invitation.token, "deactivated", 1);
    for (const html of await closedPages(invitation.url)) {
      expect(html).toContain("<title>Invitation withdrawn</title>");
      expect(html).toContain("Acme &amp; &lt;Sons&gt; has withdrawn this invitation");
      expect(html).not.toMatch(/expired/i);
    }
    const german = await startInvitation("Beispiel GmbH", "de");
    await setColumn(german.token, "deactivated", 1);
    for (const html of await closedPages(german.url)) {
      expect(html).toContain('lang="de"');
      expect(html).toContain("Beispiel GmbH hat diese Einladung zurückgezogen");
    }
  });

  it("start link expired: expired, never withdrawn; a revoked one that also expired: withdrawn", async ({
    expect,
  }) => {
    const expired = await startInvitation();
    await setColumn(expired.token, "expires_at", Date.now() - 1000);
    for (const html of await closedPages(expired.url)) {
      expect(html).toContain("<title>Invitation expired</title>");
      expect(html).toContain("Ask Acme &amp; &lt;Sons&gt; for a new invitation.");
      expect(html).not.toMatch(/withdrawn/i);
    }
    const both = await startInvitation();
    await setColumn(both.token, "expires_at", Date.now() - 1000);
    await setColumn(both.token, "deactivated", 1);
    for (const html of await closedPages(both.url)) expect(html).toContain("Invitation withdrawn");
  });
});
