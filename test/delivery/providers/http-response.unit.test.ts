import { describe, it } from "vitest";
import { kindForStatus } from "../../../src/delivery/providers/http-response";
import { classifyTwilioError } from "../../../src/delivery/providers/twilio-provider";

describe("the HTTP status fallback both provider adapters share", () => {
  it.for([
    [400, "permanent"],
    [401, "transient"],
    [403, "transient"],
    [404, "transient"],
    [405, "transient"],
    [408, "transient"],
    [409, "transient"],
    [410, "permanent"],
    [413, "permanent"],
    [422, "permanent"],
    [429, "transient"],
    [500, "transient"],
    [503, "transient"],
  ] as const)("HTTP %i without a known code is %s", ([status, kind], { expect }) => {
    expect(kindForStatus(status)).toBe(kind);
    // Twilio's adapter falls back to the same rule (Resend's too: it calls kindForStatus itself).
    expect(classifyTwilioError(null, status)).toBe(kind);
    expect(classifyTwilioError(99999, status)).toBe(kind);
  });
});
