import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../env";
import { ApiError, zodDetails } from "./errors";

/** Every router is made here so that all validation failures share one error shape. */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (result.success) return;
      const details = zodDetails(result.error);
      const summary = details.map((d) => `${d.field}: ${d.message}`).join("; ");
      throw new ApiError("validation_error", summary, { details });
    },
  });
}
