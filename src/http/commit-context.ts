import type { Context } from "hono";
import type { AppEnv } from "../env";
import type { CommitContext } from "../invitations/commit";

/** A request's commit context: its bindings and database, and webhook fan-outs after the response. */
export function commitContext(c: Context<AppEnv>): CommitContext {
  return { env: c.env, db: c.var.db, waitUntil: (promise) => c.executionCtx.waitUntil(promise) };
}
