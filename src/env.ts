import type { PrincipalCredential } from "./core/request-history";
import type { Scope } from "./core/scope";
import type { Database } from "./db/client";

/** Who is calling the AutoDoc API: the organization and the mode its key or token selects. */
export interface Principal extends Scope {
  organizationSlug: string;
  organizationName: string;
  defaultLocale: string;
  /** Invitations this organization may create per minute (OrgThrottle's `create` bucket). */
  creationRateLimit: number;
  /** Which key or token it is (never its secret): the request history names it. */
  credential: PrincipalCredential;
}

/** The one context type of the Hono app. */
export interface AppEnv {
  Bindings: Env;
  Variables: {
    requestId: string;
    db: Database;
    principal: Principal;
    /** Set by the operator API's auth once the admin token matched. */
    operatorAuthenticated: boolean;
    /** The error code an answer carries, set where errors are rendered (the request history reads it). */
    errorCode: string;
  };
}
