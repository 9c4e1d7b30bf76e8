import { announceExpiries, findExpiredUnannounced } from "../db/expiry-repo";
import { type CommitContext, commit } from "./commit";

/** Announced per run; a backlog beyond it is announced by the next runs, oldest first. */
export const EXPIRIES_PER_RUN = 1000;

/**
 * `invitation.expired` for invitations past their 30 days, once each (a dedupe key and a flag), on the
 * timeline and to subscribed endpoints: one read and one batch, however many. Answers how many it announced.
 */
export async function announceExpired(ctx: CommitContext, now: Date): Promise<number> {
  const expired = await findExpiredUnannounced(ctx.db, now, EXPIRIES_PER_RUN);
  const tokens = expired.map((row) => row.token);
  await commit(ctx, announceExpiries(ctx.db, tokens, now));
  return tokens.length;
}
