import { vi } from "vitest";

/** One request that reached a provider's API (through the fakes at the network boundary) and its answer. */
export interface ProviderCall {
  provider: "resend" | "twilio";
  to: string;
  status: number;
}

/** A fault to answer (or throw, like a lost connection) instead of the provider fake; null lets the fake answer. */
export type FaultInjector = (call: Omit<ProviderCall, "status">) => Response | null;

const HOSTS: Record<string, ProviderCall["provider"]> = {
  "api.resend.com": "resend",
  "api.twilio.com": "twilio",
};

async function recipientOf(provider: ProviderCall["provider"], request: Request): Promise<string> {
  // Decoded by hand: workerd warns when .text() reads a form-encoded body.
  const text = new TextDecoder().decode(await request.arrayBuffer());
  if (provider === "twilio") return new URLSearchParams(text).get("To") ?? "";
  const body = JSON.parse(text) as { to?: string[] };
  return body.to?.[0] ?? "";
}

/**
 * Counts every request the Worker makes to Resend and Twilio, wrapping the network fakes of
 * test/setup/network.ts; `inject` may answer some of them with a provider's error instead.
 */
export function recordProviderCalls(inject: FaultInjector = () => null) {
  const fakes = vi.mocked(globalThis.fetch).getMockImplementation();
  if (!fakes) throw new Error("the network fakes are not installed");
  const calls: ProviderCall[] = [];
  vi.mocked(globalThis.fetch).mockImplementation(async (input, init) => {
    const request = new Request(input, init);
    const provider = HOSTS[new URL(request.url).hostname];
    if (!provider) return fakes(request);
    const to = await recipientOf(provider, request.clone());
    let response: Response;
    try {
      response = inject({ provider, to }) ?? (await fakes(request));
    } catch (error) {
      calls.push({ provider, to, status: 0 });
      throw error;
    }
    calls.push({ provider, to, status: response.status });
    return response;
  });
  return {
    calls,
    /** Successful calls per recipient. */
    accepted(to: string): number {
      return calls.filter((c) => c.to === to && c.status >= 200 && c.status < 300).length;
    },
    restore(): void {
      vi.mocked(globalThis.fetch).mockImplementation(fakes);
    },
  };
}
