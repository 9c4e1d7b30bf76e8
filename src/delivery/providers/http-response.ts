/** Small readers shared by the HTTP providers' adapters (Resend, Twilio). */

/** The JSON object a provider answered, or null when the body is not one (HTML error pages, empty bodies). */
export async function readJsonObject(response: Response): Promise<Record<string, unknown> | null> {
  try {
    const value: unknown = await response.json();
    return isRecord(value) ? value : null;
  } catch {
    return null;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Why a request never got an answer, in words for the invitation's errorMessage. */
export function requestFailure(provider: string, error: unknown, timeoutMs: number): string {
  const name = error instanceof Error || error instanceof DOMException ? error.name : "";
  if (name === "TimeoutError" || name === "AbortError")
    return `${provider} did not answer within ${timeoutMs / 1000} s`;
  return `${provider} request failed: ${error instanceof Error ? error.message : String(error)}`;
}

/**
 * Whether a provider's HTTP error status, without an error code we know, means the message can never be sent
 * (a 4xx about the request) or should be retried: 5xx, and the 4xx that say our side is misconfigured or
 * busy (401, 403, 404, 405: credentials, account, endpoint, method; 408, 409, 429: time, concurrency, rate)
 * rather than that the message is wrong. Resend's and Twilio's adapters share it.
 */
export function kindForStatus(status: number): "permanent" | "transient" {
  if (status >= 500 || RETRIED_4XX.has(status)) return "transient";
  return status >= 400 ? "permanent" : "transient";
}

const RETRIED_4XX = new Set([401, 403, 404, 405, 408, 409, 429]);
