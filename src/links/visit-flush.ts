import { recordBufferedVisits } from "../db/short-links-repo";
import { type CommitContext, commit } from "../invitations/commit";
import { log } from "../log";
import { type VisitBuffer, visitBuffer } from "./visit-buffer";

/**
 * One flush of the isolate's visit buffer: takes at most LINKS_PER_FLUSH links' counts, writes them in one
 * D1 batch and fans out their `link.clicked` events. A failed write puts the counts back (and is logged).
 * Answers whether the caller should schedule another flush: links are left over, or a failed write's counts
 * went back into a buffer that no visit had entered meanwhile (such a visit scheduled a flush of its own).
 *
 * short-link.ts runs it FLUSH_DELAY_MS after a visit lands in an empty buffer; it is its own export so that
 * tests can run the flush when they need its counts, rather than wait out the delay in real time (fake
 * timers do not move `scheduler.wait`). Running it early only writes the same counts sooner. `buffer` is the
 * isolate's own; a test passes another to see one flush's effect alone.
 */
export async function flushVisitBuffer(
  ctx: CommitContext,
  buffer: VisitBuffer = visitBuffer,
): Promise<boolean> {
  const visits = buffer.take();
  try {
    await commit(ctx, recordBufferedVisits(ctx.db, visits, new Date()));
  } catch (error) {
    log("warn", "short_link_visits_flush_failed", { visits: visits.length, error: String(error) });
    return buffer.restore(visits);
  }
  return buffer.size > 0;
}
