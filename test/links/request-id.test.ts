import { env } from "cloudflare:workers";
import { describe, it } from "vitest";
import { call, createInvitation, createTenant } from "../helpers/api";
import { withFailingD1 } from "../helpers/failing-d1";
import { type ClickInit, clickLink } from "../helpers/link-visits";
import { SHORT, shortLinkInvitation } from "../helpers/short-links";
import { createVortexTenant, vortex } from "../helpers/vortex";

/** What the API's request ids look like (hono/request-id's default generator: a v4 UUID). */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const SLACKBOT = "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)";

async function startInvitation() {
  const tenant = await createTenant();
  return createInvitation(tenant.testKey, {
    workflowToken: tenant.workflowToken,
    channel: "email",
    recipient: "request-id@example.com",
  });
}

async function setColumn(token: string, column: "expires_at" | "deactivated", value: number) {
  await env.DB.prepare(`UPDATE invitations SET ${column} = ? WHERE token = ?`).bind(value, token).run();
}

/** Every read of an invitation on the link path fails (session and primary alike). */
const brokenD1 = () =>
  withFailingD1(env, { matches: ({ sql }) => /from "invitations"/i.test(sql), times: 2 }).env;

/** One of each kind of answer the two link hosts give: name, URL, request, expected status. */
async function everyLinkAnswer(): Promise<[name: string, url: string, init: ClickInit, status: number][]> {
  const start = await startInvitation();
  const expired = await startInvitation();
  await setColumn(expired.token, "expires_at", Date.now() - 1000);
  const revoked = await startInvitation();
  await setColumn(revoked.token, "deactivated", 1);
  const origin = new URL(start.url).origin;
  const tenant = await createVortexTenant();
  const short = await shortLinkInvitation(tenant);
  const shortRevoked = await shortLinkInvitation(tenant);
  expect200(await vortex(tenant.vortexTest, "DELETE", `/invitations/${shortRevoked.id}`));
  const shortExpired = await shortLinkInvitation(tenant);
  await setColumn(shortExpired.id, "expires_at", Date.now() - 1000);
  const bot = { userAgent: SLACKBOT };
  return [
    ["start link, a person's redirect", start.url, {}, 302],
    ["start link, the repeat from the cache", start.url, {}, 302],
    ["start link, a bot's redirect", start.url, bot, 302],
    ["start link, HEAD", start.url, { method: "HEAD" }, 302],
    ["start link, a malformed token", `${origin}/wf_onboarding?invitation_token=nope`, {}, 404],
    ["start link, an unknown token", start.url.replace(start.token, `adi_${"0".repeat(24)}`), {}, 404],
    ["start host, no route", `${origin}/`, {}, 404],
    ["start host, a POST", start.url, { method: "POST" }, 404],
    ["start link, expired", expired.url, {}, 410],
    ["start link, revoked", revoked.url, {}, 410],
    ["start link, D1 failing", (await startInvitation()).url, { env: brokenD1() }, 503],
    ["short link, a person's redirect", short.shortLink, {}, 302],
    ["short link, the repeat from the cache", short.shortLink, {}, 302],
    ["short link, a bot's preview", short.shortLink, bot, 200],
    ["short link, the preview from the cache", short.shortLink, bot, 200],
    ["short link, HEAD", short.shortLink, { method: "HEAD" }, 200],
    ["short link, a malformed code", `${SHORT}/i/!!`, {}, 404],
    ["short link, an unknown code", `${SHORT}/i/unknownCode0`, {}, 404],
    ["short host, no route", `${SHORT}/favicon.ico`, {}, 404],
    ["short link, revoked", shortRevoked.shortLink, {}, 410],
    ["short link, expired", shortExpired.shortLink, {}, 410],
    ["short link, D1 failing", (await shortLinkInvitation(tenant)).shortLink, { env: brokenD1() }, 503],
  ];
}

function expect200(res: { status: number }) {
  if (res.status !== 200) throw new Error(`setup: expected 200, got ${res.status}`);
}

describe("X-Request-Id on the link hosts", () => {
  it("is on every kind of link answer, in the API's format, one id per request", async ({ expect }) => {
    const api = await call("GET", "/healthz");
    expect(api.headers.get("X-Request-Id")).toMatch(UUID);
    const seen = new Set<string>();
    for (const [name, url, init, status] of await everyLinkAnswer()) {
      const { res } = await clickLink(url, init);
      expect(res.status, name).toBe(status);
      const id = res.headers.get("X-Request-Id");
      expect(id, name).toMatch(UUID);
      expect(seen.has(id ?? ""), `${name}: a fresh id`).toBe(false);
      seen.add(id ?? "");
    }
  });

  it("keeps the caller's own id, and replaces one the API would refuse, as the API does", async ({
    expect,
  }) => {
    const invitation = await startInvitation();
    const short = await shortLinkInvitation(await createVortexTenant());
    for (const [sent, kept] of [
      ["trace-0123_abc=", true],
      ["not an id; <script>", false],
      ["x".repeat(256), false],
    ] as const) {
      const headers = { "X-Request-Id": sent };
      const fromApi = (await call("GET", "/healthz", { headers })).headers.get("X-Request-Id");
      for (const url of [invitation.url, short.shortLink, `${SHORT}/i/unknownCode0`]) {
        const got = (await clickLink(url, { headers })).res.headers.get("X-Request-Id");
        expect(got === sent, `${url} ${sent}`).toBe(kept);
        expect(got, url).toMatch(kept ? /^[\w=-]+$/ : UUID);
        expect(fromApi === sent, `the API, ${sent}`).toBe(kept);
      }
    }
  });
});
