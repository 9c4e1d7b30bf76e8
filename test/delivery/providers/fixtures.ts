import type { SendContext } from "../../../src/delivery/providers/types";

/** A send context as the deliveries consumer builds it; `key` is `<invitation token>:<attempt>`. */
export const context: SendContext = {
  key: "inv_2kQv9XbT7mR4pLw8:1",
  organizationId: "org_7Yx3",
  livemode: true,
  invitationToken: "inv_2kQv9XbT7mR4pLw8",
  attempt: 1,
  queueAttempt: 1,
};

/** What a request looked like on the wire. */
export interface RecordedRequest {
  url: string;
  method: string;
  headers: Headers;
  body: string;
  signal: AbortSignal | null;
}

/** A `fetch` at the network boundary: records every request, then answers or throws as told. */
export function fakeFetch(answer: () => Response | Promise<Response>) {
  const requests: RecordedRequest[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    // Decoded by hand: workerd warns when .text() reads a form-encoded body.
    const body = new TextDecoder().decode(await request.arrayBuffer());
    requests.push({
      url: request.url,
      method: request.method,
      headers: request.headers,
      body,
      signal: init?.signal ?? null,
    });
    return answer();
  };
  return { fetch, requests };
}

/** A JSON answer as both providers send it. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}

/** What fetch rejects with when AbortSignal.timeout fires, when aborted, and when the connection fails. */
export const timeoutError = () =>
  new DOMException("The operation was aborted due to timeout", "TimeoutError");
export const abortError = () => new DOMException("The operation was aborted.", "AbortError");
export const networkError = () => new TypeError("Network connection lost.");

/** Resend's 200 for POST /emails. */
export const resendSent = { id: "49a3999c-0ce1-4ea6-ab68-afcd6dc2e794" };

/** Resend error bodies (`{statusCode, name, message}`) as documented at resend.com/docs/api-reference/errors. */
export const resendError = (statusCode: number, name: string, message: string) => ({
  statusCode,
  name,
  message,
});

export const RESEND_ERRORS = {
  invalidTo: resendError(
    422,
    "validation_error",
    "Invalid `to` field. The email address needs to follow the `email@example.com` or `Name <email@example.com>` format.",
  ),
  missingField: resendError(422, "missing_required_field", "Missing `subject` field."),
  invalidParameter: resendError(422, "invalid_parameter", "The parameter must be a valid UUID."),
  invalidKey: resendError(400, "invalid_idempotency_key", "The key must be between 1-256 chars."),
  keyReused: resendError(
    409,
    "invalid_idempotent_request",
    "Same idempotency key used with a different request payload.",
  ),
  security: resendError(451, "security_error", "We may have found a security issue with the request."),
  domainNotVerified: resendError(
    403,
    "validation_error",
    "The auto-doc.ai domain is not verified. Please, add and verify your domain on https://resend.com/domains",
  ),
  invalidFrom: resendError(
    422,
    "invalid_from_address",
    "Invalid `from` field. The email address needs to follow the `email@example.com` or `Name <email@example.com>` format.",
  ),
  missingApiKey: resendError(401, "missing_api_key", "Missing API key in the authorization header."),
  restrictedApiKey: resendError(401, "restricted_api_key", "This API key is restricted to only send emails."),
  invalidApiKey: resendError(403, "invalid_api_key", "API key is invalid"),
  notFound: resendError(404, "not_found", "The requested endpoint does not exist."),
  rateLimited: resendError(
    429,
    "rate_limit_exceeded",
    "Too many requests. You can only make 2 requests per second. See rate limit response headers for more information. Or contact support to increase rate limit.",
  ),
  dailyQuota: resendError(429, "daily_quota_exceeded", "You have reached your daily email sending quota."),
  concurrent: resendError(
    409,
    "concurrent_idempotent_requests",
    "Same idempotency key used while original request is still in progress.",
  ),
  applicationError: resendError(500, "application_error", "An unexpected error occurred."),
  internalError: resendError(500, "internal_server_error", "An unexpected error occurred."),
};

/** The rate-limit headers Resend sends with a 429. */
export const RESEND_RATE_LIMIT_HEADERS = {
  "ratelimit-limit": "2",
  "ratelimit-remaining": "0",
  "ratelimit-reset": "1",
  "retry-after": "1",
};

export const TWILIO_ACCOUNT_SID = "AC3f2d9c5b8e7a4160b2c9d8e7f6a5b4c3";
export const TWILIO_AUTH_TOKEN = "9e1c7b3a5d2f4e6a8b0c1d3e5f7a9b2c";
export const TWILIO_MESSAGE_SID = "SM1f0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c";

/** Twilio's 201 for POST /2010-04-01/Accounts/{sid}/Messages.json sent from a number. */
export const twilioCreated = {
  account_sid: TWILIO_ACCOUNT_SID,
  api_version: "2010-04-01",
  body: "Acme Corp invited you: https://start.auto-doc.test/i/inv_2kQv9XbT7mR4pLw8",
  date_created: "Thu, 05 Nov 2026 10:15:42 +0000",
  date_sent: null,
  date_updated: "Thu, 05 Nov 2026 10:15:42 +0000",
  direction: "outbound-api",
  error_code: null,
  error_message: null,
  from: "+15017122661",
  messaging_service_sid: null,
  num_media: "0",
  num_segments: "1",
  price: null,
  price_unit: "USD",
  sid: TWILIO_MESSAGE_SID,
  status: "queued",
  subresource_uris: {
    media: `/2010-04-01/Accounts/${TWILIO_ACCOUNT_SID}/Messages/${TWILIO_MESSAGE_SID}/Media.json`,
  },
  to: "+4915112345678",
  uri: `/2010-04-01/Accounts/${TWILIO_ACCOUNT_SID}/Messages/${TWILIO_MESSAGE_SID}.json`,
};

/** What Twilio says for each error code we exercise (twilio.com/docs/api/errors/<code>). */
export const TWILIO_MESSAGES = {
  20003: "Authenticate",
  20404: "The requested resource /2010-04-01/Accounts/AC00/Messages.json was not found",
  20429: "Too Many Requests",
  20500: "Internal Server Error",
  20503: "Service Unavailable",
  21211: "The 'To' number +1555 is not a valid phone number.",
  21408:
    "Permission to send an SMS has not been enabled for the region indicated by the 'To' number: +99312345.",
  21606:
    "The From phone number +15017122661 is not a valid, SMS-capable inbound phone number for your account.",
  21608:
    "The number +4915112345678 is unverified. Trial accounts cannot send messages to unverified numbers.",
  21610: "Attempt to send to unsubscribed recipient",
  21611: "This 'From' number has exceeded the maximum number of queued messages",
  21612: "The 'To' phone number: +4915112345678, is not currently reachable using the 'From' phone number.",
  21614: "'To' number is not a valid mobile number",
  21617: "The concatenated message body exceeds the 1600 character limit.",
  21635: "'To' number cannot be a landline",
} as const;

/** A Twilio error body: `{code, message, more_info, status}`; a 401 also carries `detail`. */
export function twilioError(status: number, code: keyof typeof TWILIO_MESSAGES) {
  const body = {
    code,
    message: TWILIO_MESSAGES[code],
    more_info: `https://www.twilio.com/docs/errors/${code}`,
    status,
  };
  return code === 20003 ? { ...body, detail: "Your AccountSid or AuthToken was incorrect." } : body;
}

/** A thrown `send_email` binding error: a standard Error with a `code`. */
export function cloudflareError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}
