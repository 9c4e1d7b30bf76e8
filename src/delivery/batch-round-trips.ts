import { retryDelaySeconds } from "../core/backoff";
import type { Database } from "../db/client";
import { type DeliveryContext, loadForDeliveries, loadForDelivery } from "../db/deliveries-repo";
import { inSequence, type Plan } from "../db/plan";
import type { CommitContext } from "../invitations/commit";
import { commitTogether } from "../invitations/commit-together";
import { log } from "../log";
import type { DeliveryMessage } from "./message";
import { retryLater } from "./retry-later";

/**
 * The D1 round trips a queue batch of deliveries shares: one read of every invitation it sends, and one
 * write that mirrors every send the providers accepted. Each message is still acked or retried on its own.
 */

/** What the batch read of each invitation: its delivery context, null when it is gone, or the read's error. */
export type Loaded = DeliveryContext | null | Error;

/**
 * Every invitation of a batch, in one read. Should that read fail (a row that cannot be parsed fails the
 * whole statement), each is read alone, so that only the messages of a bad row fail.
 */
export async function loadBatch(db: Database, tokens: readonly string[]): Promise<Map<string, Loaded>> {
  try {
    const found = await loadForDeliveries(db, tokens);
    return new Map(tokens.map((token) => [token, found.get(token) ?? null]));
  } catch {
    const each = await Promise.all(
      [...new Set(tokens)].map(async (token): Promise<[string, Loaded]> => {
        try {
          return [token, await loadForDelivery(db, token)];
        } catch (error) {
          return [token, error instanceof Error ? error : new Error(String(error))];
        }
      }),
    );
    return new Map(each);
  }
}

/** A send the provider accepted and the gate recorded: its D1 mirror waits for the others of its batch. */
export interface AcceptedSend {
  message: Message<unknown>;
  body: DeliveryMessage;
  held: { attempt: number; lease: string };
  provider: string;
  mirror: Plan<unknown>;
}

/** The reason a customer sees while a send interrupted by a fault of ours waits for its retry. */
export const INTERRUPTED = "The send was interrupted by an internal error.";

/**
 * The mirrors of a batch's accepted sends, committed in one batch (each alone if that fails); a send whose
 * mirror is written is acked, and one whose mirror failed comes back later: the gate has it as sent, so its
 * retry only mirrors it.
 */
export async function mirrorAccepted(ctx: CommitContext, sends: readonly AcceptedSend[]): Promise<void> {
  const written = await commitTogether(ctx, sends, (some) => inSequence(some.map((send) => send.mirror)));
  await Promise.all(
    sends.map(async ({ message, body, held, provider }, i) => {
      const token = body.invitationToken;
      const outcome = written[i];
      if (!(outcome instanceof Error)) {
        log("info", "delivery_sent", { token, attempt: body.attempt, provider });
        message.ack();
        return;
      }
      log("error", "delivery_crashed", { token, attempt: body.attempt, error: String(outcome) });
      try {
        await retryLater(message, ctx, token, held, { provider: null, reason: INTERRUPTED });
      } catch (error) {
        const delaySeconds = retryDelaySeconds(message.attempts);
        log("error", "delivery_crashed", { token, error: String(error), delaySeconds });
        message.retry({ delaySeconds });
      }
    }),
  );
}
