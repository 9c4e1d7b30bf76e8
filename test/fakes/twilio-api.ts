/**
 * A fake of Twilio's Messages API at the network boundary, with the behaviour of Twilio's test credentials:
 * magic numbers fail with their documented error codes, anything else is queued (201 with a message resource).
 */
export interface TwilioRequest {
  accountSid: string;
  authorization: string;
  form: Record<string, string>;
}

export const twilioRequests: TwilioRequest[] = [];

const MAGIC_ERRORS: Record<string, { code: number; message: string }> = {
  "+15005550001": { code: 21211, message: "The 'To' number +15005550001 is not a valid phone number." },
  "+15005550002": {
    code: 21612,
    message:
      "The 'To' phone number: +15005550002, is not currently reachable using the 'From' phone number: +15005550006 via SMS.",
  },
  "+15005550003": {
    code: 21408,
    message:
      "Permission to send an SMS has not been enabled for the region indicated by the 'To' number: +15005550003.",
  },
  "+15005550004": { code: 21610, message: "Attempt to send to unsubscribed recipient" },
  "+15005550009": { code: 21614, message: "'To' number is not a valid mobile number" },
};

function json(body: unknown, status: number): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

export async function twilioApi(request: Request): Promise<Response> {
  const match = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/.exec(new URL(request.url).pathname);
  if (request.method !== "POST" || !match?.[1]) {
    return json(
      {
        code: 20404,
        message: "The requested resource was not found",
        more_info: "https://www.twilio.com/docs/errors/20404",
        status: 404,
      },
      404,
    );
  }
  const form = Object.fromEntries(new URLSearchParams(await request.text()));
  const accountSid = match[1];
  twilioRequests.push({ accountSid, authorization: request.headers.get("authorization") ?? "", form });
  const to = form.To ?? "";
  const failure = MAGIC_ERRORS[to];
  if (failure) {
    return json(
      {
        code: failure.code,
        message: failure.message,
        more_info: `https://www.twilio.com/docs/errors/${failure.code}`,
        status: 400,
      },
      400,
    );
  }
  const sid = `SM${crypto.randomUUID().replaceAll("-", "")}`;
  const now = new Date().toUTCString();
  return json(
    {
      account_sid: accountSid,
      api_version: "2010-04-01",
      body: form.Body,
      date_created: now,
      date_sent: null,
      date_updated: now,
      direction: "outbound-api",
      error_code: null,
      error_message: null,
      from: form.From ?? null,
      messaging_service_sid: form.MessagingServiceSid ?? null,
      num_media: "0",
      num_segments: "1",
      price: null,
      price_unit: "USD",
      sid,
      status: "queued",
      subresource_uris: { media: `/2010-04-01/Accounts/${accountSid}/Messages/${sid}/Media.json` },
      to,
      uri: `/2010-04-01/Accounts/${accountSid}/Messages/${sid}.json`,
    },
    201,
  );
}
