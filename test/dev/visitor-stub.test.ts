import { exports } from "cloudflare:workers";
import { describe, it } from "vitest";
import { visitorAppUrl } from "../../src/links/start-link";
import { API, createInvitation, createTenant } from "../helpers/api";
import { shortLinkInvitation } from "../helpers/short-links";
import { createVortexTenant } from "../helpers/vortex";

/** The development visitor stub on the API host, as a browser following a link gets it. */
async function page(path: string) {
  const res = await exports.default.fetch(`${API}${path}`);
  return { status: res.status, html: await res.text() };
}

describe("the development visitor stub (/dev/visitor/…)", () => {
  it("names the AutoDoc invitation the start link opened it for, escaped", async ({ expect }) => {
    const tenant = await createTenant({ name: "Stub & Co" });
    const invitation = await createInvitation(tenant.testKey, {
      workflowToken: tenant.workflowToken,
      channel: "email",
      recipient: "jane@example.com",
      recipientName: "Jane <i>Doe</i>",
    });
    // Where the start link sends a person when VISITOR_APP_URL is the stub (as in `npm run dev`).
    const landing = new URL(visitorAppUrl(`${API}/dev/visitor`, tenant.workflowToken, invitation.token));
    const { status, html } = await page(`${landing.pathname}${landing.search}`);
    expect(status).toBe(200);
    expect(html).toContain("Jane &lt;i&gt;Doe&lt;/i&gt; &lt;jane@example.com&gt;");
    expect(html).not.toContain("<i>");
    expect(html).toContain(`<dd>${invitation.token}</dd>`);
    expect(html).toContain("<dd>Stub &amp; Co</dd>");
    expect(html).toContain(`<dd>${tenant.workflowToken}</dd>`);
  });

  it("names the Vortex invitation a widget's landing URL opened it for (invitationId)", async ({
    expect,
  }) => {
    const invitation = await shortLinkInvitation(await createVortexTenant());
    const { status, html } = await page(`/dev/visitor/vortex?invitationId=${invitation.id}`);
    expect(status).toBe(200);
    expect(html).toContain("Opened for the invitation to <strong>+14155550123</strong>");
    expect(html).toContain(`<dd>${invitation.id}</dd>`);
  });

  it("says so, with a 404, when the link names no invitation it knows", async ({ expect }) => {
    const unknown = await page(`/dev/visitor/wf_x?invitation_token=adi_${"0".repeat(24)}`);
    expect(unknown.status).toBe(404);
    expect(unknown.html).toContain(`<code>adi_${"0".repeat(24)}</code>`);
    const none = await page("/dev/visitor/wf_x");
    expect(none.status).toBe(404);
    expect(none.html).toContain("<code>(none)</code>");
    const hostile = await page("/dev/visitor/wf_x?invitation_token=%3Cb%3Ex");
    expect(hostile.html).toContain("<code>&lt;b&gt;x</code>");
  });
});
