import type { Context } from "hono";
import type { AppEnv } from "../env";
import { log } from "../log";
import { sendMessages } from "../queues/producer";
import type { LinkVisitMessage } from "./visit-message";

/**
 * Hands a click to the `link-visits` queue, whose consumer records it (visit-consumer.ts): the send starts
 * now, before the response, and runs on under `waitUntil`, so the click waits for no write. Once the queue
 * has the message the visit survives the isolate; the consumer retries it until D1 takes it.
 *
 * What a failed send loses, and nothing repairs (no stored row says a click happened): that click's open
 * (`opened` and `invitation.opened`) or its short-link count and `link.clicked`. The next click records
 * them; a start link answered from the link cache records nothing for up to its TTL (30 s). Each loss is
 * logged as `link_visit_not_queued` with the visit.
 */
export function queueVisit(c: Context<AppEnv>, visit: LinkVisitMessage): void {
  const sent = sendMessages(c.env.LINK_VISITS, [visit]).catch((error: unknown) => {
    log("error", "link_visit_not_queued", { visit, error: String(error) });
  });
  c.executionCtx.waitUntil(sent);
}
