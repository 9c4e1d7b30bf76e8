import { afterEach, beforeAll, describe, it, onTestFinished, vi } from "vitest";
import { call, createInvitation, createTenant, type Tenant } from "../helpers/api";
import { travelTo } from "../helpers/invitations";
import {
  claims,
  jwksOf,
  rawToken,
  serveJwks,
  sign,
  signingKey,
  type TestSigningKey,
} from "../helpers/jwt-keys";

const JWKS_URL = "https://idp.auto-doc.test/.well-known/jwks.json";

let rsa: TestSigningKey;
let ec: TestSigningKey;
let tenant: Tenant;

beforeAll(async () => {
  rsa = await signingKey("RS256");
  ec = await signingKey("ES256");
  tenant = await createTenant();
});

afterEach(() => {
  vi.useRealTimers();
});

/** The JWKS endpoint, serving `body` for this test only. */
function jwksServed(body: unknown = jwksOf(rsa, ec), status = 200) {
  const served = serveJwks(JWKS_URL, body, status);
  onTestFinished(served.restore);
  return served;
}

describe("JwtAuth on the AutoDoc API", () => {
  it("accepts RS256 and ES256 tokens naming the organization and mode", async ({ expect }) => {
    const jwks = jwksServed();
    const invitation = await createInvitation(tenant.testKey, {
      workflowToken: tenant.workflowToken,
      channel: "email",
      recipient: "jwt@example.com",
    });
    for (const key of [rsa, ec]) {
      const token = await sign(key, claims({ org: tenant.slug, livemode: false }));
      const res = await call("GET", `/v1/autodoc/invitations/${invitation.token}`, { token });
      expect(res.status, key.alg).toBe(200);
    }
    const live = await sign(rsa, claims({ org: tenant.slug, livemode: true }));
    expect((await call("GET", `/v1/autodoc/invitations/${invitation.token}`, { token: live })).status).toBe(
      404,
    );
    expect(jwks.requests()).toBeGreaterThan(0);
  });

  it("refuses expired, wrong-audience, wrong-issuer, unsigned, HMAC, unknown-key and unknown-organization tokens", async ({
    expect,
  }) => {
    jwksServed();
    const now = Math.floor(Date.now() / 1000);
    const ok = { org: tenant.slug, livemode: false };
    const tokens: Record<string, string> = {
      expired: await sign(rsa, claims({ ...ok, iat: now - 900, exp: now - 600 })),
      audience: await sign(rsa, claims({ ...ok, aud: "https://elsewhere.example" })),
      issuer: await sign(rsa, claims({ ...ok, iss: "https://evil.example/" })),
      none: rawToken({ alg: "none", typ: "JWT" }, claims(ok)),
      unknownKid: await sign(rsa, claims(ok), "not-in-the-jwks"),
      organization: await sign(rsa, claims({ ...ok, org: "no-such-org" })),
    };
    const { SignJWT } = await import("jose");
    tokens.hmac = await new SignJWT(claims(ok))
      .setProtectedHeader({ alg: "HS256", kid: rsa.kid })
      .sign(new TextEncoder().encode("a-shared-secret-that-is-long-enough"));
    for (const [name, token] of Object.entries(tokens)) {
      const res = await call("GET", "/v1/autodoc/invitations", { token });
      expect(res.status, name).toBe(401);
      expect(res.body, name).toMatchObject({ error: { code: "unauthorized" } });
    }
  });

  it("answers 503, not 401, while the JWKS endpoint is down", async ({ expect }) => {
    // Past jose's cache age the key set must be fetched again, and the endpoint now fails.
    travelTo(Date.now() + 11 * 60 * 1000);
    const outage = jwksServed({ error: "down" }, 500);
    const token = await sign(rsa, claims({ org: tenant.slug, livemode: false }));
    const res = await call("GET", "/v1/autodoc/invitations", { token });
    expect(outage.requests()).toBe(1);
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ error: { code: "service_unavailable" } });
    expect(res.headers.get("Retry-After")).toBe("5");
  });
});
