import { createExecutionContext } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { describe, it } from "vitest";
import { createApp } from "../../src/app";
import { MAX_USER_AGENT_LENGTH } from "../../src/core/request-redaction";
import { parseVortexKey } from "../../src/vortex/api-key";
import { API, call, createTenant } from "../helpers/api";
import { AUDIENCE, claims, ISSUER, jwksOf, sign, signingKey } from "../helpers/jwt-keys";
import { apiKeyId, uniqueUserAgent, waitForRecords } from "../helpers/request-history";
import { seedVortexTenant } from "../helpers/seed-tenant";

const LINK_TOKEN = "adi_7Hq2LxW9pRt4Vb8Nc3Mz5Ks1";

describe("what the request history records", () => {
  it("a created invitation (201) within two seconds, with its route, key, user agent and request id", async ({
    expect,
  }) => {
    const tenant = await createTenant();
    const userAgent = uniqueUserAgent("201");
    const before = Date.now();
    const created = await call("POST", "/v1/autodoc/invitations", {
      token: tenant.liveKey,
      body: { workflowToken: tenant.workflowToken, channel: "email", recipient: "history@example.com" },
      headers: { "User-Agent": userAgent },
    });
    expect(created.status).toBe(201);
    const arrived = performance.now();
    const owner = { organizationId: tenant.organizationId, livemode: true };
    await waitForRecords(owner, userAgent, 1);
    expect(performance.now() - arrived).toBeLessThan(2_000);

    const page = await call("GET", "/v1/autodoc/requests?path=/v1/autodoc/invitations", {
      token: tenant.liveKey,
    });
    expect(page.status).toBe(200);
    const [entry] = page.body.data as Record<string, unknown>[];
    expect(entry).toEqual({
      id: expect.stringMatching(/^req_[0-9a-z]+_[0-9a-z]+$/),
      object: "request",
      time: expect.any(String),
      method: "POST",
      path: "/v1/autodoc/invitations",
      query: null,
      route: "/v1/autodoc/invitations",
      status: 201,
      durationMs: expect.any(Number),
      errorCode: null,
      userAgent,
      requestId: created.headers.get("X-Request-Id"),
      credential: {
        type: "private_key",
        id: await apiKeyId(tenant.organizationId, true),
        last4: tenant.liveKey.slice(-4),
      },
      sdk: null,
    });
    const time = Date.parse(String(entry?.time));
    expect(time).toBeGreaterThanOrEqual(before);
    expect(time).toBeLessThanOrEqual(Date.now());
    // Nothing of the body: the recipient is nowhere in the entry.
    expect(JSON.stringify(page.body)).not.toContain("history@example.com");
  });

  it("a 4xx with its error code, in either dialect, and the Vortex SDK's headers", async ({ expect }) => {
    const tenant = await seedVortexTenant();
    const userAgent = uniqueUserAgent("4xx");
    const headers = { "User-Agent": userAgent };
    const invalid = await call("POST", "/v1/autodoc/invitations", {
      token: tenant.liveKey,
      body: { workflowToken: tenant.workflowToken, channel: "email", recipient: "not-an-address" },
      headers,
    });
    expect(invalid.status).toBe(400);
    const missing = await call("GET", "/v1/autodoc/invitations/adi_missing", {
      token: tenant.liveKey,
      headers,
    });
    expect(missing.status).toBe(404);
    const vortex = await exports.default.fetch(
      `${API}/api/v1/invitations/5f0c3a1e-0000-4000-8000-000000000000`,
      {
        headers: {
          ...headers,
          "x-api-key": tenant.vortexLive,
          "x-vortex-sdk-name": "vortex-node-sdk",
          "x-vortex-sdk-version": "0.20.0",
        },
      },
    );
    expect(vortex.status).toBe(404);
    const owner = { organizationId: tenant.organizationId, livemode: true };
    const records = await waitForRecords(owner, userAgent, 3);
    const [vortexRecord, notFound, validation] = records;
    expect(validation).toMatchObject({ method: "POST", status: 400, errorCode: "validation_error" });
    expect(notFound).toMatchObject({
      path: "/v1/autodoc/invitations/adi_missing",
      route: "/v1/autodoc/invitations/{token}",
      status: 404,
      errorCode: "not_found",
    });
    expect(vortexRecord).toMatchObject({
      route: "/api/v1/invitations/{id}",
      status: 404,
      errorCode: "not_found",
      credential: {
        type: "vortex_key",
        id: parseVortexKey(tenant.vortexLive)?.kid,
        last4: tenant.vortexLive.slice(-4),
      },
      sdkName: "vortex-node-sdk",
      sdkVersion: "0.20.0",
    });
    // The AutoDoc reader sees the Vortex key's request too: one history per organization and mode.
    const page = await call("GET", "/v1/autodoc/requests?status=4xx&limit=3", { token: tenant.liveKey });
    expect((page.body.data as { errorCode: string }[]).map((entry) => entry.errorCode)).toEqual([
      "not_found",
      "not_found",
      "validation_error",
    ]);
    expect((page.body.data as { sdk: unknown }[])[0]?.sdk).toEqual({
      name: "vortex-node-sdk",
      version: "0.20.0",
    });
  });

  it("a JWT caller by its subject", async ({ expect }) => {
    const tenant = await createTenant();
    const key = await signingKey("ES256");
    // The key set inline (JWT_JWKS may be the JSON itself): no JWKS fetch, so the isolate's cached remote key
    // set, which other files' tests serve, is left alone.
    const app = createApp();
    const jwtEnv = { ...env, JWT_JWKS: JSON.stringify(jwksOf(key)) };
    const get = (token: string, path: string, userAgent = "jwt-reader") =>
      app.fetch(
        new Request(`${API}${path}`, {
          headers: { Authorization: `Bearer ${token}`, "User-Agent": userAgent },
        }),
        jwtEnv,
        createExecutionContext(),
      );
    const tokenFor = (sub: string) =>
      sign(key, claims({ org: tenant.slug, livemode: false, sub, iss: ISSUER, aud: AUDIENCE }));
    const token = await tokenFor("user_42");
    const userAgent = uniqueUserAgent("jwt");
    expect((await get(token, "/v1/autodoc/workflows", userAgent)).status).toBe(200);
    const owner = { organizationId: tenant.organizationId, livemode: false };
    const [record] = await waitForRecords(owner, userAgent);
    expect(record?.credential).toEqual({ type: "jwt", subject: "user_42" });
    const page = (await (await get(token, "/v1/autodoc/requests?path=/v1/autodoc/workflows")).json()) as {
      data: { credential: unknown }[];
    };
    expect(page.data[0]?.credential).toEqual({ type: "jwt", subject: "user_42" });
    // The identity provider chooses `sub`: kept up to MAX_USER_AGENT_LENGTH characters, clipped past it.
    for (const length of [MAX_USER_AGENT_LENGTH, MAX_USER_AGENT_LENGTH + 1]) {
      const sub = "u".repeat(length);
      const agent = uniqueUserAgent(`jwt-${length}`);
      expect((await get(await tokenFor(sub), "/v1/autodoc/workflows", agent)).status).toBe(200);
      const [clipped] = await waitForRecords(owner, agent);
      expect(clipped?.credential, String(length)).toEqual({
        type: "jwt",
        subject: sub.slice(0, MAX_USER_AGENT_LENGTH),
      });
    }
  });

  it("a query's invitation_token, and every other token or key in it, redacted", async ({ expect }) => {
    const tenant = await createTenant();
    const userAgent = uniqueUserAgent("redaction");
    const query = `invitation_token=${LINK_TOKEN}&limit=5&api_key=${tenant.testKey}`;
    await call("GET", `/v1/autodoc/invitations?${query}`, {
      token: tenant.liveKey,
      headers: { "User-Agent": userAgent },
    });
    await call("GET", `/v1/autodoc/outbox?invitation=${LINK_TOKEN}`, {
      token: tenant.liveKey,
      headers: { "User-Agent": userAgent },
    });
    await waitForRecords({ organizationId: tenant.organizationId, livemode: true }, userAgent, 2);
    const page = await call("GET", "/v1/autodoc/requests?method=GET&limit=10", { token: tenant.liveKey });
    const queries = (page.body.data as { path: string; query: string | null }[])
      .filter((entry) => entry.path !== "/v1/autodoc/requests")
      .map((entry) => entry.query);
    expect(queries).toEqual(["invitation=REDACTED", "invitation_token=REDACTED&limit=5&api_key=REDACTED"]);
    expect(JSON.stringify(page.body)).not.toContain(LINK_TOKEN);
    expect(JSON.stringify(page.body)).not.toContain(tenant.testKey);
    expect(JSON.stringify(page.body)).not.toContain(tenant.liveKey);
  });
});
