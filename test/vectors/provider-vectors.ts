import { createHmac } from "node:crypto";
import { Webhook as StandardWebhook } from "standardwebhooks";
import { Webhook as SvixWebhook } from "svix";
import twilio from "twilio";

/** One Twilio request: what was signed, and the `X-Twilio-Signature` that came with it. */
export interface TwilioVector {
  name: string;
  authToken: string;
  /** The URL the receiver validates with (Twilio may have signed another form of it, see `signedUrl`). */
  url: string;
  signedUrl: string;
  params: Record<string, string | string[]>;
  signature: string;
  /** What twilio-node's own `validateRequest` answered for (url, params, signature). */
  libraryAccepts: boolean;
}

/** One message signed with an `whsec_` secret; `id` and `timestampSeconds` are the header values. */
export interface SignedMessage {
  secret: string;
  id: string;
  timestampSeconds: number;
  body: string;
  /** `v1,<base64>` as the library produced it. */
  signature: string;
}

/** The JSON shape of `env.PROVIDER_VECTORS`. */
export interface ProviderVectors {
  twilio: TwilioVector[];
  /** A Resend-style event signed by `svix`, and the same message signed by svix with another secret. */
  svix: SignedMessage & { otherSecretSignature: string };
  /** Messages signed by `standardwebhooks`, to compare our signer with. */
  standardWebhooks: SignedMessage[];
  /** `X-Vortex-Signature` values computed with Node's crypto, as the Vortex SDKs' verifiers compute them. */
  vortex: VortexSignedBody[];
}

/** A raw body and its Vortex signature: lowercase hex HMAC-SHA256, keyed with the secret's UTF-8 bytes. */
export interface VortexSignedBody {
  secret: string;
  body: string;
  signature: string;
}

function vortexVector(secret: string, body: string): VortexSignedBody {
  return { secret, body, signature: createHmac("sha256", secret).update(body, "utf8").digest("hex") };
}

type Params = Record<string, string | string[]>;

const TOKEN = "f3c9a1d27b4e4c0f9a8e6d5c4b3a2918";
const STATUS_URL = "https://api.auto-doc.example/webhooks/twilio?delivery=dlv_01HZX&attempt=2&note=a%20b";
const STATUS_PARAMS: Params = {
  AccountSid: "AC0123456789abcdef0123456789abcdef",
  MessageSid: "SM0123456789abcdef0123456789abcdef",
  MessageStatus: "delivered",
  From: "+14155550100",
  // Names sharing a prefix and a lower-case name exercise the sort (code-unit order: upper case first).
  To: "+33612345678",
  ToCountry: "FR",
  ToCity: "Paris",
  apiVersion: "2010-04-01",
  Body: "Bienvenue chez AutoDoc — réponse STOP ✓ & a=b+c",
};

function twilioVector(name: string, url: string, params: Params, signedUrl = url): TwilioVector {
  const signature = twilio.getExpectedTwilioSignature(TOKEN, signedUrl, params);
  const libraryAccepts = twilio.validateRequest(TOKEN, signature, url, params);
  return { name, authToken: TOKEN, url, signedUrl, params, signature, libraryAccepts };
}

function twilioVectors(): TwilioVector[] {
  const quoted = "https://api.auto-doc.example/webhooks/twilio?ref=o'brien";
  // The worked example of Twilio's request-validation docs: the twilio-php helper library's "Validate
  // Incoming Requests" page (docs/usage/validation.rst, as served at
  // http://twilio-php-atbaker.readthedocs.io/en/latest/usage/validation.html). The same token, URL, params
  // and signature are the RequestValidator test vector of the official twilio-php/-python/-csharp libraries.
  const documented = {
    authToken: "12345",
    url: "https://mycompany.com/myapp.php?foo=1&bar=2",
    params: {
      CallSid: "CA1234567890ABCDE",
      Caller: "+14158675309",
      Digits: "1234",
      From: "+14158675309",
      To: "+18005551212",
    },
    signature: "RSOYDt4T1cUTdK1PDd93/VVr8B8=",
  };
  return [
    twilioVector("status callback with a query string", STATUS_URL, STATUS_PARAMS),
    // A repeated name: twilio-node signs each distinct value once, values sorted.
    twilioVector("repeated parameter", STATUS_URL, {
      ...STATUS_PARAMS,
      Tag: ["welcome", "invite", "welcome", "Invite"],
    }),
    // The port quirk, both ways: signed with the standard port and validated without, and the reverse.
    twilioVector(
      "signed with :443",
      STATUS_URL,
      STATUS_PARAMS,
      STATUS_URL.replace(".example/", ".example:443/"),
    ),
    twilioVector(
      "validated with :443",
      STATUS_URL.replace(".example/", ".example:443/"),
      STATUS_PARAMS,
      STATUS_URL,
    ),
    // twilio-node drops any port, not only the standard one, before giving up.
    twilioVector(
      "validated with :8443",
      STATUS_URL.replace(".example/", ".example:8443/"),
      STATUS_PARAMS,
      STATUS_URL,
    ),
    // Signed over the WHATWG-normalised URL (%27) while the receiver holds the raw one.
    twilioVector("signed normalised", quoted, STATUS_PARAMS, new URL(quoted).toString()),
    {
      name: "Twilio documentation example",
      ...documented,
      signedUrl: documented.url,
      libraryAccepts: twilio.validateRequest(
        documented.authToken,
        documented.signature,
        documented.url,
        documented.params,
      ),
    },
  ];
}

const sample = (secret: string, id: string, timestampSeconds: number, body: string) => ({
  secret,
  id,
  timestampSeconds,
  body,
});

/**
 * Signatures computed in Node by the providers' own libraries, handed to the workerd tests as a binding,
 * so that our verifiers are checked against the providers' published algorithms.
 */
export async function providerVectors(): Promise<ProviderVectors> {
  const at = (seconds: number) => new Date(seconds * 1000);
  const resendEvent = sample(
    "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
    "msg_2aBcDeFgHiJkLmNoPqRsTuVwXyZ",
    1_767_225_600, // 2026-01-01T00:00:00Z
    JSON.stringify({
      type: "email.delivered",
      created_at: "2026-01-01T00:00:00.000Z",
      data: { email_id: "4ef9a417", note: "é ✓" },
    }),
  );
  const svixSign = (secret: string) =>
    new SvixWebhook(secret).sign(resendEvent.id, at(resendEvent.timestampSeconds), resendEvent.body);
  const vectors: ProviderVectors = {
    twilio: twilioVectors(),
    svix: {
      ...resendEvent,
      signature: svixSign(resendEvent.secret),
      otherSecretSignature: svixSign("whsec_plJ3nmyCDGBKInavdOK15jsl"),
    },
    standardWebhooks: [
      // A JSON body, an empty body and non-ASCII text, under two secrets.
      sample(
        "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
        "msg_p5jXN8AQM9LWM0D4loKWxJek",
        1_614_265_330,
        '{"test": 2432232314}',
      ),
      sample("whsec_K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=", "evt_empty", 1_767_225_600, ""),
      sample(
        "whsec_K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=",
        "evt_unicode",
        1_767_225_601,
        '{"name":"Zoë 👋"}',
      ),
    ].map((message) => ({
      ...message,
      signature: new StandardWebhook(message.secret).sign(
        message.id,
        at(message.timestampSeconds),
        message.body,
      ),
    })),
    // A state event with non-ASCII text, an empty body, and a secret with base64 characters (used as is).
    vortex: [
      vortexVector(
        "whsec_test_secret_123",
        JSON.stringify({
          id: "evt_2aBcDeFgHiJk",
          type: "invitation.accepted",
          timestamp: "2026-01-01T00:00:00.000Z",
          accountId: "org_1",
          environmentId: "org_1:live",
          sourceTable: "invitations",
          operation: "update",
          data: { invitationId: "0b1e8d2c", targetEmail: "zoë@example.com", metadata: { note: "✓" } },
        }),
      ),
      vortexVector("whsec_test_secret_123", ""),
      vortexVector("whsec_K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=", '{"type":"invitation.created"}'),
    ],
  };
  return { ...vectors };
}
