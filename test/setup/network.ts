import { beforeEach, vi } from "vitest";
import { customerEndpoint } from "../fakes/customer-endpoint";
import { resendApi } from "../fakes/resend-api";
import { twilioApi } from "../fakes/twilio-api";

/** Hosts outside the machine, each answered by a fake that speaks its real protocol. */
const FAKES: Record<string, (request: Request) => Promise<Response>> = {
  "api.resend.com": resendApi,
  "api.twilio.com": twilioApi,
  "customer.example": customerEndpoint,
};

const realFetch = globalThis.fetch;

/**
 * The Worker runs in the test's isolate, so its outbound `fetch` is this one. Tests that need another fake
 * (a JWKS endpoint) spy on top of it; this puts the provider fakes back before every test.
 */
function installNetworkFakes(): void {
  vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
    const request = new Request(input, init);
    const fake = FAKES[new URL(request.url).hostname];
    return fake ? fake(request) : realFetch(request);
  });
}

installNetworkFakes();
beforeEach(() => {
  if (!vi.isMockFunction(globalThis.fetch)) installNetworkFakes();
});
