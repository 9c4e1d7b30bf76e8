import type { Context } from "hono";
import type { AppEnv } from "../env";
import { log } from "../log";
import { sendMessages } from "../queues/producer";
import type { LinkVisitMessage } from "./visit-message";

/** How long an isolate gathers repeat visits before it sends them, in one sendBatch per 100. */
export const REPEAT_VISIT_WINDOW_MS = 1_000;

/** The repeats an isolate has answered from memory and not sent yet: one window's worth at most. */
const gathered: LinkVisitMessage[] = [];

/**
 * Hands a repeat visit (a short link answered from the link caches: a count, never a status move) to the
 * `link-visits` queue with the others of this isolate's window: the first repeat of a window starts a timer
 * under its request's `waitUntil`, and when it fires every repeat gathered meanwhile goes in one send (split
 * by the producer within the queue's limits). A queue send per click would cost each cached answer more than
 * the answer itself; the price is that an isolate which dies inside a window loses that window's counts
 * (logged when the send fails, silent when the isolate dies). First visits, which move statuses, are sent
 * at once (queue-visit.ts).
 */
export function queueRepeatVisit(c: Context<AppEnv>, visit: LinkVisitMessage): void {
  gathered.push(visit);
  if (gathered.length > 1) return;
  c.executionCtx.waitUntil(
    scheduler.wait(REPEAT_VISIT_WINDOW_MS).then(async () => {
      const visits = gathered.splice(0);
      await sendMessages(c.env.LINK_VISITS, visits).catch((error: unknown) => {
        log("error", "link_visit_not_queued", { visits: visits.length, error: String(error) });
      });
    }),
  );
}
