import { describe, expect, it } from "vitest";
import {
  clippedHeader,
  MAX_PATH_LENGTH,
  MAX_QUERY_LENGTH,
  REDACTED,
  recordedPath,
  redactQuery,
  routeTemplate,
} from "../../src/core/request-redaction";

const LINK_TOKEN = "adi_7Hq2LxW9pRt4Vb8Nc3Mz5Ks1";
const PRIVATE_KEY = "sk_live_3hTz8QpL0bWm5YcN2vKd7RfXabcd";
const JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyXzEyMyJ9.c2lnbmF0dXJl";

describe("redactQuery", () => {
  it("redacts the start link's invitation_token and keeps the rest as sent", () => {
    expect(redactQuery(`invitation_token=${LINK_TOKEN}&limit=5`)).toBe(
      `invitation_token=${REDACTED}&limit=5`,
    );
    expect(redactQuery("limit=5&status=sent")).toBe("limit=5&status=sent");
  });

  it("redacts every parameter whose name bears a secret, whatever its value", () => {
    for (const name of [
      "token",
      "access_token",
      "api_key",
      "apiKey",
      "secret",
      "password",
      "signature",
      "code",
      "session",
    ]) {
      expect(redactQuery(`${name}=abc&x=1`), name).toBe(`${name}=${REDACTED}&x=1`);
    }
  });

  it("redacts our tokens and keys under any name, encoded or inside a URL", () => {
    const cases = [
      `startingAfter=${LINK_TOKEN}`,
      `invitation=${LINK_TOKEN}`,
      `q=${PRIVATE_KEY}`,
      `next=${encodeURIComponent(`https://start.example/wf?invitation_token=${LINK_TOKEN}`)}`,
      `x=${JWT}`,
      "v=VRTX.2b0f6c1e.s3cr3tPart",
      "w=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
    ];
    for (const query of cases) {
      const redacted = redactQuery(query) ?? "";
      expect(redacted, query).toBe(`${query.split("=")[0]}=${REDACTED}`);
    }
  });

  it("redacts a secret sent as a bare name", () => {
    expect(redactQuery(`${PRIVATE_KEY}&limit=2`)).toBe(`${REDACTED}&limit=2`);
  });

  it("answers null for no query, and clips a long one after redacting", () => {
    expect(redactQuery("")).toBeNull();
    const long = `invitation_token=${LINK_TOKEN}&pad=${"x".repeat(2 * MAX_QUERY_LENGTH)}`;
    const redacted = redactQuery(long) ?? "";
    expect(redacted).toHaveLength(MAX_QUERY_LENGTH);
    expect(redacted.startsWith(`invitation_token=${REDACTED}&pad=`)).toBe(true);
    expect(redacted).not.toContain(LINK_TOKEN);
  });

  it("keeps a malformed escape as sent rather than failing", () => {
    expect(redactQuery("a=%E0%A4%A&b=1")).toBe("a=%E0%A4%A&b=1");
  });
});

describe("recordedPath", () => {
  it("keeps object ids (the caller's own) and redacts a credential sent as a segment", () => {
    expect(recordedPath(`/v1/autodoc/invitations/${LINK_TOKEN}`)).toBe(
      `/v1/autodoc/invitations/${LINK_TOKEN}`,
    );
    expect(recordedPath(`/v1/autodoc/invitations/${PRIVATE_KEY}`)).toBe(
      `/v1/autodoc/invitations/${REDACTED}`,
    );
  });

  it(`clips at ${MAX_PATH_LENGTH} characters`, () => {
    expect(recordedPath(`/${"a".repeat(MAX_PATH_LENGTH - 1)}`)).toHaveLength(MAX_PATH_LENGTH);
    expect(recordedPath(`/${"a".repeat(MAX_PATH_LENGTH)}`)).toHaveLength(MAX_PATH_LENGTH);
  });
});

describe("routeTemplate", () => {
  it("writes Hono's parameters in OpenAPI style", () => {
    expect(routeTemplate("/v1/autodoc/invitations/:token/resend")).toBe(
      "/v1/autodoc/invitations/{token}/resend",
    );
    expect(routeTemplate("/api/v1/invitations/by-scope/:scopeType/:scope")).toBe(
      "/api/v1/invitations/by-scope/{scopeType}/{scope}",
    );
    expect(routeTemplate("/items/:id{[0-9]+}")).toBe("/items/{id}");
    expect(routeTemplate("/v1/autodoc/requests")).toBe("/v1/autodoc/requests");
  });
});

describe("clippedHeader", () => {
  it("trims, clips and answers null for nothing", () => {
    expect(clippedHeader(undefined, 10)).toBeNull();
    expect(clippedHeader("   ", 10)).toBeNull();
    expect(clippedHeader(" curl/8 ", 10)).toBe("curl/8");
    expect(clippedHeader("x".repeat(11), 10)).toBe("x".repeat(10));
  });
});
