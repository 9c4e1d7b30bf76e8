import { env } from "cloudflare:workers";
import { describe, it, onTestFinished } from "vitest";
import { createInvitation, createTenant } from "../helpers/api";
import { holdDeliveries } from "../helpers/held-deliveries";
import { CHROME, type ClickInit, openLink } from "../helpers/link-visits";
import { shortLinkInvitation, storedCounts } from "../helpers/short-links";
import { createVortexTenant } from "../helpers/vortex";

/** Each kind of automated request, as the link sees it, and the reason its click is recorded with. */
const AUTOMATED: [kind: string, init: ClickInit, reason: string][] = [
  [
    "an isbot user agent",
    { userAgent: "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)" },
    "known_bot",
  ],
  ["a mail-security user agent", { userAgent: `${CHROME} Mimecast` }, "mail_security_agent"],
  [
    "a preview app isbot misses",
    { userAgent: "Microsoft Office/16.0 (Microsoft Outlook 16.0)" },
    "link_preview_agent",
  ],
  [
    "a browser from a security network",
    { cf: { asn: 8075, asOrganization: "Microsoft Corporation" } },
    "security_network",
  ],
  [
    "a browser from a mail gateway's network",
    { cf: { asn: 64_512, asOrganization: "Proofpoint, Inc." } },
    "security_network",
  ],
  ["HEAD", { method: "HEAD" }, "head"],
  ["an empty user agent", { userAgent: "" }, "no_user_agent"],
];

/** An e-mailed invitation whose delivery is held: its status stays `pending` unless a click moves it. */
async function startInvitation(recipient: string) {
  const deliveries = holdDeliveries();
  onTestFinished(deliveries.restore);
  const tenant = await createTenant();
  return createInvitation(tenant.testKey, {
    workflowToken: tenant.workflowToken,
    channel: "email",
    recipient,
  });
}

/** The invitation's status and first-open time, straight from D1. */
function openState(token: string) {
  return env.DB.prepare("SELECT status, opened_at AS openedAt FROM invitations WHERE token = ?")
    .bind(token)
    .first<{ status: string; openedAt: number | null }>();
}

/** The invitation's link events as D1 holds them: type, webhook and the recorded classification. */
async function linkEvents(token: string) {
  const rows = await env.DB.prepare(
    "SELECT type, webhook_type AS webhookType, data FROM invitation_events WHERE invitation_token = ? AND type LIKE 'link.%' ORDER BY id",
  )
    .bind(token)
    .all<{ type: string; webhookType: string | null; data: string }>();
  return rows.results.map((row) => ({ ...row, data: JSON.parse(row.data) }));
}

describe("a scanner's click never changes the status", () => {
  it.for(AUTOMATED)(
    "start link, %s: redirected, status kept, recorded with its reason",
    async ([, init, reason], { expect }) => {
      // Its delivery held, the invitation stays `pending` unless the click moves it.
      const invitation = await startInvitation("scanned@example.com");
      const res = await openLink(invitation.url, init);
      expect(res.status).toBe(302);
      expect(await openState(invitation.token)).toEqual({ status: "pending", openedAt: null });
      expect(await linkEvents(invitation.token)).toEqual([
        { type: "link.scanned", webhookType: null, data: { click: { by: "automated", reason } } },
      ]);
    },
  );

  it.for(AUTOMATED)(
    "short link, %s: a view, never a click-through or an open",
    async ([, init, reason], { expect }) => {
      const deliveries = holdDeliveries();
      onTestFinished(deliveries.restore);
      const invitation = await shortLinkInvitation(await createVortexTenant());
      const before = await openState(invitation.id);
      const res = await openLink(invitation.shortLink, init);
      expect(res.status).toBe(200);
      expect(res.headers.get("Location")).toBeNull();
      expect(await storedCounts(invitation.id)).toEqual({ views: 1, clickThroughs: 0 });
      expect(before?.status).toBe("pending");
      expect(await openState(invitation.id)).toEqual({ status: "pending", openedAt: null });
      expect(await linkEvents(invitation.id)).toEqual([
        { type: "link.scanned", webhookType: null, data: { click: { by: "automated", reason } } },
      ]);
    },
  );

  it("a person's click, from a home network, opens: recorded as a person", async ({ expect }) => {
    const home = { cf: { asn: 7922, asOrganization: "Comcast Cable Communications, LLC" } };
    const invitation = await startInvitation("person@example.com");
    expect((await openLink(invitation.url, home)).status).toBe(302);
    expect((await openState(invitation.token))?.status).toBe("opened");
    expect(await linkEvents(invitation.token)).toEqual([
      { type: "link.opened", webhookType: "invitation.opened", data: { click: { by: "person" } } },
    ]);

    const short = await shortLinkInvitation(await createVortexTenant());
    expect((await openLink(short.shortLink, home)).status).toBe(302);
    expect(await storedCounts(short.id)).toEqual({ views: 0, clickThroughs: 1 });
    expect((await openState(short.id))?.status).toBe("opened");
    expect(await linkEvents(short.id)).toEqual([
      { type: "link.clicked", webhookType: "invitation.link.clicked", data: { click: { by: "person" } } },
    ]);
  });
});
