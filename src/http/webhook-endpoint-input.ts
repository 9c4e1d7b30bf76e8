import { openSecret, sealSecret } from "../core/secret-box";
import { generateWebhookSecret } from "../webhooks/standard-webhooks";
import { checkWebhookUrl } from "../webhooks/url-policy";
import { ApiError } from "./errors";

/** A webhook URL inside the URL policy, or a 400 `validation_error` naming the `url` field. */
export function requireWebhookUrl(url: string, environment: string): URL {
  const target = checkWebhookUrl(url, environment);
  if (target.ok) return target.url;
  const details = [{ field: "url", message: target.reason }];
  throw new ApiError("validation_error", `url: ${target.reason}`, { details });
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
