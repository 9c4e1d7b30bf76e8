// Source modules that the Node tier imports (src/vortex/keys.ts → src/webhooks/hmac.ts) call workerd's
// non-standard `crypto.subtle.timingSafeEqual`; test/setup/workerd-crypto.ts adds it to Node's SubtleCrypto at run time.
// This declares it for the type check under Node's types.
import "node:crypto";

declare module "crypto" {
  namespace webcrypto {
    interface SubtleCrypto {
      timingSafeEqual(a: ArrayBuffer | ArrayBufferView, b: ArrayBuffer | ArrayBufferView): boolean;
    }
  }
}
