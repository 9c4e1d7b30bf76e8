import { describe, it } from "vitest";
import {
  computeTwilioSignature,
  parseTwilioForm,
  verifyTwilioSignature,
} from "../../src/webhooks/twilio-signature";
import { providerVectors } from "../vectors/provider-vectors";

const vectors = (await providerVectors()).twilio;
const [status, repeated] = vectors;
if (!status || !repeated) throw new Error("The provider vectors lack the Twilio ones.");

describe("verifyTwilioSignature", () => {
  it("accepts every vector, as twilio-node's validateRequest does", async ({ expect }) => {
    expect(vectors.map((vector) => vector.name)).toContain("Twilio documentation example");
    for (const vector of vectors) {
      expect(vector.libraryAccepts, vector.name).toBe(true);
      expect(
        await verifyTwilioSignature(vector.authToken, vector.url, vector.params, vector.signature),
        vector.name,
      ).toBe(true);
      expect(
        await computeTwilioSignature(vector.authToken, vector.signedUrl, vector.params),
        vector.name,
      ).toBe(vector.signature);
    }
  });

  it("signs each distinct value of a repeated parameter once, in sorted order", async ({ expect }) => {
    const tags = repeated.params.Tag;
    expect(Array.isArray(tags)).toBe(true);
    const reordered = { ...repeated.params, Tag: [...(Array.isArray(tags) ? tags : [])].reverse() };
    expect(await verifyTwilioSignature(repeated.authToken, repeated.url, reordered, repeated.signature)).toBe(
      true,
    );
    const dropped = { ...repeated.params, Tag: ["welcome"] };
    expect(await verifyTwilioSignature(repeated.authToken, repeated.url, dropped, repeated.signature)).toBe(
      false,
    );
  });

  it("refuses a changed, added or removed parameter", async ({ expect }) => {
    const { authToken, url, params, signature } = status;
    const check = (changed: Record<string, string | string[]>) =>
      verifyTwilioSignature(authToken, url, changed, signature);
    expect(await check({ ...params, MessageStatus: "failed" })).toBe(false);
    expect(await check({ ...params, ErrorCode: "30003" })).toBe(false);
    const { MessageStatus: _removed, ...withoutStatus } = params;
    expect(await check(withoutStatus)).toBe(false);
    // Names and values are concatenated without delimiters, but moving text between them still fails.
    expect(await check({ ...params, To: "", ToCity: "+33612345678Paris" })).toBe(false);
  });

  it("refuses a changed URL, another token and a missing signature", async ({ expect }) => {
    const { authToken, url, params, signature } = status;
    for (const changed of [
      url.replace("attempt=2", "attempt=3"),
      url.replace("/webhooks/twilio", "/webhooks/twilio2"),
      url.replace("https://", "http://"),
      url.replace("api.auto-doc.example", "api.auto-doc.test"),
      url.split("?")[0] ?? "",
    ]) {
      expect(await verifyTwilioSignature(authToken, changed, params, signature), changed).toBe(false);
    }
    expect(await verifyTwilioSignature("0".repeat(32), url, params, signature)).toBe(false);
    expect(await verifyTwilioSignature(authToken, url, params, null)).toBe(false);
    expect(await verifyTwilioSignature(authToken, url, params, "")).toBe(false);
    expect(await verifyTwilioSignature(authToken, url, params, signature.slice(1))).toBe(false);
  });
});

describe("parseTwilioForm", () => {
  it("gives back the parameters twilio-node signed, from the body Twilio sends", async ({ expect }) => {
    for (const vector of vectors) {
      const form = new URLSearchParams();
      for (const [name, value] of Object.entries(vector.params)) {
        for (const item of typeof value === "string" ? [value] : value) form.append(name, item);
      }
      const parsed = parseTwilioForm(form.toString());
      expect(parsed, vector.name).toEqual(vector.params);
      expect(await verifyTwilioSignature(vector.authToken, vector.url, parsed, vector.signature)).toBe(true);
    }
  });

  it("never throws, and keeps odd names as data", ({ expect }) => {
    expect(parseTwilioForm("a=%E2%8&b=%ZZ&c&=d&e=1+2")).toEqual({
      a: "\ufffd%8",
      b: "%ZZ",
      c: "",
      "": "d",
      e: "1 2",
    });
    const proto = parseTwilioForm("__proto__=x&__proto__=y&constructor=z");
    expect(Object.keys(proto)).toEqual(["__proto__", "constructor"]);
    expect(Object.getPrototypeOf(proto)).toBe(Object.prototype);
    expect(parseTwilioForm(String.fromCharCode(0xd800))).toEqual({ "\ufffd": "" });
  });
});
