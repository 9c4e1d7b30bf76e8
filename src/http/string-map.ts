import { z } from "@hono/zod-openapi";

/** Stripe's metadata bounds, used for every flat string map either dialect accepts. */
export const STRING_MAP_MAX_KEYS = 50;
export const STRING_MAP_MAX_KEY_LENGTH = 40;
export const STRING_MAP_MAX_VALUE_LENGTH = 500;
const KEY_RULE = `must have keys of 1 to ${STRING_MAP_MAX_KEY_LENGTH} characters`;

/**
 * A flat object of strings with at most 50 keys of 1–40 characters and values of at most 500: AutoDoc's
 * `metadata` and Vortex's `templateVariables` take the same bounds, so neither dialect is the loose one.
 */
export function boundedStringMap(description: string, example: Record<string, string>) {
  return z
    .record(
      z.string().min(1, KEY_RULE).max(STRING_MAP_MAX_KEY_LENGTH, KEY_RULE),
      z
        .string()
        .max(STRING_MAP_MAX_VALUE_LENGTH, `must have at most ${STRING_MAP_MAX_VALUE_LENGTH} characters`),
    )
    .refine(
      (value) => Object.keys(value).length <= STRING_MAP_MAX_KEYS,
      `must have at most ${STRING_MAP_MAX_KEYS} keys`,
    )
    .openapi({ example, description, maxProperties: STRING_MAP_MAX_KEYS });
}
