import { timingSafeEqual } from "node:crypto";

/**
 * Tests that run source modules in plain Node (the unit tier, the Node tier) get workerd's non-standard
 * `crypto.subtle.timingSafeEqual`, which our verifiers call (src/webhooks/hmac.ts), from node:crypto's.
 * The only workerd API either tier needs; the integration tier runs in workerd itself.
 */
const subtle: { timingSafeEqual?: (a: ArrayBufferView, b: ArrayBufferView) => boolean } = crypto.subtle;
subtle.timingSafeEqual ??= (a, b) =>
  timingSafeEqual(
    new Uint8Array(a.buffer, a.byteOffset, a.byteLength),
    new Uint8Array(b.buffer, b.byteOffset, b.byteLength),
  );
