import { retryDelaySeconds } from "../core/backoff";
import { recordTransientFailure } from "../db/deliveries-repo";
import { sendGate } from "../durable-objects/send-gate";
import { type CommitContext, commit } from "../invitations/commit";
import { log } from "../log";

/**
 * A transient failure of the send that `held` leases: the lease is released (the send stays reserved for a
 * retry, which any copy may then take at once), the reason and the retry's due time are recorded (so the
 * sweeper leaves the invitation alone until then), and the message comes back after the backoff. If the gate
 * shows the attempt as sent (only its D1 mirror failed), nothing failed: the retry just mirrors it.
 */
export async function retryLater(
  message: Message<unknown>,
  ctx: CommitContext,
  token: string,
  held: { attempt: number; lease: string },
  failure: { provider: string | null; reason: string },
): Promise<void> {
  const now = new Date();
  const retryInSeconds = retryDelaySeconds(message.attempts);
  const state = await sendGate(ctx.env, token).releaseLease(held.attempt, held.lease, now.getTime());
  if (state.attempts < held.attempt) {
    const failed = { attempt: held.attempt, ...failure, retryInSeconds };
    await commit(ctx, recordTransientFailure(ctx.db, token, failed, now));
  }
  log("warn", "delivery_retry", {
    token,
    attempt: held.attempt,
    reason: failure.reason,
    delaySeconds: retryInSeconds,
  });
  message.retry({ delaySeconds: retryInSeconds });
}
