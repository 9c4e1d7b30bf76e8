import { ApiError } from "../../http/errors";
import type { Outcome, Refusal } from "../../invitations/refusals";
import { autodocRefusalError } from "../autodoc/refusal-error";

/**
 * A refusal in the Vortex dialect: the same status codes as the AutoDoc dialect (src/api/vortex/errors.ts
 * renders only the message), with Vortex's own words where it has them.
 */
export function vortexRefusalError(refusal: Refusal): ApiError {
  if (refusal.kind === "not_found" && refusal.subject === "invitation") {
    return new ApiError("not_found", `Invitation ${refusal.id} not found.`);
  }
  return autodocRefusalError(refusal);
}

/** A use case's value, or its refusal thrown in the Vortex dialect's words. */
export function valueOrVortexError<T>(outcome: Outcome<T>): T {
  if (outcome.ok) return outcome.value;
  throw vortexRefusalError(outcome.refusal);
}
