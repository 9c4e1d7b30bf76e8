import { openSecret, sealSecret } from "../core/secret-box";
import { MAX_WEBHOOK_ENDPOINTS, type WebhookEndpointRow } from "../db/webhook-endpoints-repo";
import { generateWebhookSecret } from "../webhooks/standard-webhooks";
import { checkWebhookUrl } from "../webhooks/url-policy";
import { ApiError, fieldError, validationError } from "./errors";

/** A webhook URL inside the URL policy, or a 400 `validation_error` naming the `url` field. */
export function requireWebhookUrl(url: string, environment: string): URL {
  const target = checkWebhookUrl(url, environment);
  if (target.ok) return target.url;
  throw validationError([fieldError("url", `is refused: ${target.reason}`)]);
}

/**
 * The refusal of an endpoint past the cap (MAX_WEBHOOK_ENDPOINTS per organization, mode and format):
 * `owner` and `endpoints` name what is full, `removal` the request that frees a place.
 */
export function endpointLimitReached(
  { owner, endpoints, removal }: { owner: string; endpoints: string; removal: string },
  livemode: boolean,
): ApiError {
  const mode = livemode ? "live" : "test";
  return new ApiError(
    "limit_reached",
    `${owner} already has ${MAX_WEBHOOK_ENDPOINTS} ${endpoints} in ${mode} mode, the most allowed. ` +
      `Delete one you no longer need (${removal}), then create this one again.`,
  );
}

/**
 * A new endpoint's signing secret (`whsec_` + 32 random bytes) and its sealed form, the only one stored.
 * It is read back through the box once, so a wrong SECRETS_KEY fails here and not at the first delivery.
 */
export async function newSealedWebhookSecret(
  secretsKey: string,
): Promise<{ secret: string; ciphertext: string }> {
  const secret = generateWebhookSecret();
  const ciphertext = await sealSecret(secretsKey, secret);
  if ((await openSecret(secretsKey, ciphertext)) !== secret) throw new Error("secret box mismatch");
  return { secret, ciphertext };
}

/**
 * What both APIs show of a webhook endpoint, whatever its format: the kind's own `object` and events type
 * come from the caller; the signing secret only once, at creation.
 */
export function endpointFields<Event extends string>(row: WebhookEndpointRow, secret?: string) {
  return {
    id: row.id,
    url: row.url,
    events: row.events as Event[],
    status: row.status,
    disabledReason: row.disabledReason,
    ...(secret === undefined ? {} : { secret }),
    createdAt: row.createdAt.toISOString(),
  };
}
