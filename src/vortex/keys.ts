/** Vortex keys and the offline signatures made with them; one import for the routes that check them. */
export { deriveSigningKey, generateVortexKey, parseVortexKey } from "./api-key";
export {
  canonicalUserJson,
  tokenKid,
  userSignatureKid,
  verifyUserSignature,
  verifyVortexToken,
} from "./signed-tokens";
