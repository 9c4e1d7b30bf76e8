/**
 * A fake of Resend's HTTP API at the network boundary: `POST https://api.resend.com/emails` answered the
 * way Resend answers (200 `{id}`; 422 `validation_error`; 429 `rate_limit_exceeded`), honouring
 * `Idempotency-Key` like Resend does (the same key answers the same id and sends nothing new).
 */
export interface ResendRequest {
  headers: Record<string, string>;
  body: { from: string; to: string[]; subject: string; html: string; text: string; reply_to?: string };
}

export const resendRequests: ResendRequest[] = [];
const byIdempotencyKey = new Map<string, string>();
/** Addresses that make the fake answer like Resend does for an invalid or rate-limited request. */
export const RESEND_FAKE_INVALID = "invalid-recipient@fake-resend.test";
export const RESEND_FAKE_RATE_LIMITED = "rate-limited@fake-resend.test";

function json(body: unknown, status: number): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

export async function resendApi(request: Request): Promise<Response> {
  if (request.method !== "POST" || new URL(request.url).pathname !== "/emails") {
    return json(
      { statusCode: 404, name: "not_found", message: "The requested endpoint does not exist." },
      404,
    );
  }
  if (!request.headers.get("authorization")?.startsWith("Bearer re_")) {
    return json(
      { statusCode: 401, name: "missing_api_key", message: "Missing API key in the authorization header." },
      401,
    );
  }
  const body = (await request.json()) as ResendRequest["body"];
  const headers = Object.fromEntries(request.headers);
  const to = body.to[0] ?? "";
  if (to === RESEND_FAKE_INVALID) {
    return json(
      {
        statusCode: 422,
        name: "validation_error",
        message: "Invalid `to` field. The email address needs to follow the `email@example.com` format.",
      },
      422,
    );
  }
  if (to === RESEND_FAKE_RATE_LIMITED) {
    return json(
      {
        statusCode: 429,
        name: "rate_limit_exceeded",
        message: "Too many requests. You can only make 2 requests per second.",
      },
      429,
    );
  }
  const key = headers["idempotency-key"];
  const known = key ? byIdempotencyKey.get(key) : undefined;
  if (known) return json({ id: known }, 200);
  const id = crypto.randomUUID();
  if (key) byIdempotencyKey.set(key, id);
  resendRequests.push({ headers, body });
  return json({ id }, 200);
}
