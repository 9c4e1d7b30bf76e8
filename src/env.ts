import type { Database } from "./db/client";

/** Who is calling the AutoDoc API: the organization and the mode its key or token selects. */
export interface Principal {
  organizationId: string;
  organizationSlug: string;
  organizationName: string;
  defaultLocale: string;
  /** Invitations this organization may create per minute (OrgThrottle's `create` bucket). */
  creationRateLimit: number;
  livemode: boolean;
}

/** The one context type of the Hono app. */
export interface AppEnv {
  Bindings: Env;
  Variables: {
    requestId: string;
    db: Database;
    principal: Principal;
  };
}
