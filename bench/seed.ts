// The bench's data, made through the public APIs like a customer's: organization, keys, workflow, invitations,
// a Vortex short link. (Bulk copies of an invitation are in copy-invitations.ts.)
import { randomBytes } from "node:crypto";
import { type Answer, expectStatus, type Target } from "./http.ts";

export const WORKFLOW = "wf_bench";
export const CHROME =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";
export const SLACKBOT = "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)";

export interface Tenant {
  slug: string;
  testKey: string;
  liveKey: string;
  vortexTestKey: string;
  widgetId: string;
}

const bearer = (key: string) => ({ Authorization: `Bearer ${key}` });

/** An organization with both kinds of keys in both modes, the workflow, a widget configuration. */
export async function createTenant(api: Target, adminToken: string): Promise<Tenant> {
  const admin = bearer(adminToken);
  const slug = `bench-${randomBytes(4).toString("hex")}`;
  const organization = { slug, name: "Bench Corp", replyTo: "support@bench.example" };
  await expectStatus(
    api,
    { method: "POST", path: "/admin/organizations", headers: admin, body: organization },
    201,
  );
  // Creation is limited per organization and minute (600 by default); the load run creates thousands.
  await expectStatus(
    api,
    {
      method: "PATCH",
      path: `/admin/organizations/${slug}`,
      headers: admin,
      body: { creationRateLimit: 100_000 },
    },
    200,
  );
  const key = async (kind: "keys" | "vortex-keys", mode: "live" | "test") =>
    (
      await expectStatus(
        api,
        { method: "POST", path: `/admin/organizations/${slug}/${kind}`, headers: admin, body: { mode } },
        201,
      )
    ).json<{ key: string }>().key;
  const tenant = {
    slug,
    testKey: await key("keys", "test"),
    liveKey: await key("keys", "live"),
    vortexTestKey: await key("vortex-keys", "test"),
    widgetId: "",
  };
  for (const token of [tenant.testKey, tenant.liveKey]) {
    const body = { name: "Bench onboarding", token: WORKFLOW };
    await expectStatus(
      api,
      { method: "POST", path: "/v1/autodoc/workflows", headers: bearer(token), body },
      201,
    );
  }
  const widget = await expectStatus(
    api,
    {
      method: "POST",
      path: `/admin/organizations/${slug}/widget-configurations`,
      headers: admin,
      body: { name: "Team invites", landingUrl: "https://app.example.com/join" },
    },
    201,
  );
  return { ...tenant, widgetId: widget.json<{ id: string }>().id };
}

export function createInvitation(
  api: Target,
  key: string,
  extra: Record<string, unknown> = {},
): Promise<Answer> {
  const body = { workflowToken: WORKFLOW, channel: "email", recipient: "bench@example.com", ...extra };
  return expectStatus(
    api,
    { method: "POST", path: "/v1/autodoc/invitations", headers: bearer(key), body },
    201,
  );
}

/** Polls the invitation until the queue has brought it to `status`. */
export async function waitForStatus(api: Target, key: string, token: string, status: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  let last = "";
  while (Date.now() < deadline) {
    const path = `/v1/autodoc/invitations/${token}`;
    last = (await expectStatus(api, { method: "GET", path, headers: bearer(key) }, 200)).json<{
      status: string;
    }>().status;
    if (last === status) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`invitation ${token} stayed ${last}, never ${status}`);
}

/** A test-mode invitation the queue has sent: its token. */
export async function sentInvitation(
  api: Target,
  key: string,
  extra: Record<string, unknown> = {},
): Promise<string> {
  const { token } = (await createInvitation(api, key, extra)).json<{ token: string }>();
  await waitForStatus(api, key, token, "sent");
  return token;
}

/** A Vortex invitation the customer sends itself (a phone target): its short code. */
export async function shortLinkCode(api: Target, tenant: Tenant): Promise<string> {
  const body = {
    widgetConfigurationId: tenant.widgetId,
    target: { type: "phone", value: "+14155550123" },
    inviter: { userId: "user-1", userEmail: "inviter@bench.example", name: "Bench Inviter" },
    groups: [{ type: "team", groupId: "team-1", name: "Engineering" }],
  };
  const created = await expectStatus(
    api,
    { method: "POST", path: "/api/v1/invitations", headers: { "x-api-key": tenant.vortexTestKey }, body },
    201,
  );
  const shortLink = created.json<{ shortLink: string }>().shortLink;
  return new URL(shortLink).pathname.split("/").pop() ?? "";
}
