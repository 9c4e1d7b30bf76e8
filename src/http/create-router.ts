import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../env";
import { validationError, zodDetails } from "./errors";
import { useOurValidationMessages } from "./validation-messages";

/** Every router is made here so that all validation failures share one error shape. */
export function createRouter() {
  useOurValidationMessages();
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (result.success) return;
      throw validationError(zodDetails(result.error));
    },
  });
}
