import { inSequence } from "../../db/plan";
import { readDeliveryTargets } from "../../db/webhook-deliveries-repo";
import type { CommitContext } from "../../invitations/commit";
import { commitTogether } from "../../invitations/commit-together";
import { type Attempted, attemptDelivery, type DeliveryResult, deliveredKey } from "./deliver";
import type { DeliverMessage } from "./message";

const asError = (error: unknown) => (error instanceof Error ? error : new Error(String(error)));

/**
 * A queue batch of webhook deliveries, with two D1 round trips however many there are: one read of what
 * they all need (their first reads marking events dispatched), the POSTs concurrently, one write of what
 * they all leave on the timeline. A message whose read or write failed answers its error, to be retried;
 * the others go on.
 */
export async function deliverWebhooks(
  ctx: CommitContext,
  messages: DeliverMessage[],
): Promise<(DeliveryResult | Error)[]> {
  if (messages.length === 0) return [];
  const now = new Date();
  const keys = messages.map((message) => ({
    endpointId: message.endpointId,
    eventId: message.eventId,
    invitationToken: message.invitationToken,
    deliveredKey: deliveredKey(message),
    dispatches: message.dispatches === true,
  }));
  const targets = await commitTogether(ctx, keys, (some) => readDeliveryTargets(ctx.db, some, now));
  const attempted = await Promise.all(
    messages.map(async (message, i): Promise<Attempted | Error> => {
      const target = targets[i];
      if (target instanceof Error) return target;
      try {
        return await attemptDelivery(ctx.env, ctx.db, message, target ?? null, now);
      } catch (error) {
        return asError(error);
      }
    }),
  );
  const done = attempted.filter((a): a is Attempted => !(a instanceof Error));
  const written = await commitTogether(ctx, done, (some) => inSequence(some.map((a) => a.record)));
  return attempted.map((a) => {
    if (a instanceof Error) return a;
    const outcome = written[done.indexOf(a)];
    return outcome instanceof Error ? outcome : a.result;
  });
}
