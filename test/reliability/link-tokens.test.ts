import { env, exports } from "cloudflare:workers";
import fc from "fast-check";
import { beforeAll, describe, it } from "vitest";
import { visitorAppUrl } from "../../src/links/start-link";
import { call, createInvitation, createTenant } from "../helpers/api";

const START = "https://start.auto-doc.test";
const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const RUNS = 500;

interface Link {
  workflow: string;
  token: string;
}
interface Click {
  kind: string;
  path: string;
  expected: 302 | 404 | 410;
  /** For a 302: the one place it may lead to. */
  location?: string;
}

/** An organization with a workflow of its own (every tenant also has `wf_onboarding`) and an invitation to it. */
async function link(expired = false): Promise<Link> {
  const tenant = await createTenant();
  const workflow = `wf_${crypto.randomUUID().slice(0, 8)}`;
  await call("POST", "/v1/autodoc/workflows", {
    token: tenant.testKey,
    body: { name: "Links", token: workflow },
  });
  const invitation = await createInvitation(tenant.testKey, {
    workflowToken: workflow,
    channel: "email",
    recipient: "links@example.com",
  });
  if (expired) {
    await env.DB.prepare("UPDATE invitations SET expires_at = ? WHERE token = ?")
      .bind(Date.now() - 1000, invitation.token)
      .run();
  }
  return { workflow, token: invitation.token };
}

const url = (workflow: string, token: string, extra = "") =>
  `/${encodeURIComponent(workflow)}?invitation_token=${encodeURIComponent(token)}${extra}`;

function clicks(own: Link, other: Link, expired: Link): fc.Arbitrary<Click> {
  const { workflow, token } = own;
  const position = fc.nat({ max: token.length - 1 });
  const notFound = (kind: string, path: string): Click => ({ kind, path, expected: 404 });
  // Query parameters an attacker might hope the redirect honours.
  const extra = fc
    .array(
      fc.tuple(
        fc.constantFrom("next", "redirect", "url", "return_to", "invitation_token", "continue"),
        fc.constantFrom("https://evil.example", "//evil.example", "/\\evil.example", "javascript:alert(1)"),
      ),
      { maxLength: 3 },
    )
    .map((pairs) => pairs.map(([k, v]) => `&${k}=${encodeURIComponent(v)}`).join(""));
  return fc.oneof(
    fc.tuple(position, fc.constantFrom(...BASE62)).map(([i, ch]) => {
      const tampered = `${token.slice(0, i)}${ch}${token.slice(i + 1)}`;
      return tampered === token
        ? {
            kind: "valid",
            path: url(workflow, token),
            expected: 302 as const,
            location: visitorAppUrl(env.VISITOR_APP_URL, workflow, token),
          }
        : notFound("tampered", url(workflow, tampered));
    }),
    position.map((n) => notFound("truncated", url(workflow, token.slice(0, n)))),
    fc.string({ minLength: 1, maxLength: 8 }).map((s) => notFound("extended", url(workflow, `${token}${s}`))),
    fc
      .stringMatching(/^[A-Za-z0-9_-]{3,64}$/)
      .filter((w) => w !== workflow)
      .map((w) => notFound("other-workflow", url(w, token))),
    fc.constant(notFound("other-organization", url(workflow, other.token))),
    fc.constant(notFound("other-organization", url(other.workflow, token))),
    extra.map(
      (e): Click => ({ kind: "expired", path: url(expired.workflow, expired.token, e), expected: 410 }),
    ),
    extra.map(
      (e): Click => ({
        kind: "valid",
        path: url(workflow, token, e),
        expected: 302,
        location: visitorAppUrl(env.VISITOR_APP_URL, workflow, token),
      }),
    ),
    fc
      .constantFrom(
        "//evil.example",
        "/%2F%2Fevil.example",
        "/..%2F..%2Fevil.example",
        "/\\evil.example",
        "/%5Cevil.example",
      )
      .map((p) => notFound("odd-path", `${p}?invitation_token=${token}`)),
  );
}

describe("recipients' links under fuzzed tokens", () => {
  let own: Link;
  let other: Link;
  let expired: Link;
  beforeAll(async () => {
    [own, other, expired] = await Promise.all([link(), link(), link(true)]);
  });

  it(`answers ${RUNS} mutated, foreign and expired links with 404, 410 or a redirect to the visitor app only`, {
    timeout: 60_000,
  }, async ({ expect }) => {
    const visitor = new URL(env.VISITOR_APP_URL);
    const seen: Record<string, Record<number, number>> = {};
    const agent = fc.constantFrom("Mozilla/5.0 Chrome/131.0", "Slackbot-LinkExpanding 1.0", "curl/8.4.0", "");
    const property = fc.asyncProperty(
      clicks(own, other, expired),
      agent,
      fc.constantFrom("GET", "HEAD"),
      async (click, ua, method) => {
        const res = await exports.default.fetch(`${START}${click.path}`, {
          method,
          headers: { "User-Agent": ua },
          redirect: "manual",
        });
        await res.body?.cancel();
        const byStatus = seen[click.kind] ?? {};
        byStatus[res.status] = (byStatus[res.status] ?? 0) + 1;
        seen[click.kind] = byStatus;
        expect(res.status, click.path).toBe(click.expected);
        const location = res.headers.get("Location");
        if (click.expected !== 302) {
          expect(location, click.path).toBeNull();
          return;
        }
        const target = new URL(String(location));
        expect(target.origin, click.path).toBe(visitor.origin);
        expect(location, click.path).toBe(click.location);
      },
    );
    const started = performance.now();
    await fc.assert(property, { numRuns: RUNS });
    console.info(JSON.stringify({ links: RUNS, byKind: seen, ms: Math.round(performance.now() - started) }));
  });
});
