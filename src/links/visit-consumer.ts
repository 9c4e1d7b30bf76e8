import { retryDelaySeconds } from "../core/backoff";
import { createDb } from "../db/client";
import { type LinkVisitRecord, recordLinkVisits } from "../db/link-visits-repo";
import { type CommitContext, commit } from "../invitations/commit";
import { log } from "../log";
import { type LinkVisitMessage, LinkVisitMessageSchema } from "./visit-message";

interface Delivered {
  message: Message<unknown>;
  visit: LinkVisitMessage;
}

/**
 * The `link-visits` consumer: the clicks the links answered, written after their responses. A batch's
 * visits are one D1 batch through commit() (link-visits-repo.ts makes it idempotent per visit), then every
 * message is acked. If that write fails, each visit is tried alone, so one that cannot be written holds
 * back no other; those that still fail come back with backoff, then go to the dead-letter queue. A body
 * that is not a visit is acked with the reason: it will never become one.
 */
export async function consumeLinkVisits(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const ctx = { env, db: createDb(env.DB) };
  const delivered = readVisits(batch);
  if (delivered.length === 0 || (await record(ctx, delivered))) return;
  if (delivered.length === 1) {
    retryLater(delivered);
    return;
  }
  for (const one of delivered) {
    if (!(await record(ctx, [one]))) retryLater([one]);
  }
}

/**
 * The `link-visits` dead-letter queue: visits the consumer could not write through all its retries. Each is
 * tried once more (D1 may be back; the write is idempotent), and one that still fails is logged as lost
 * with everything it referred to, then acked: nothing is dropped without a record.
 */
export async function consumeDeadLinkVisits(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const ctx = { env, db: createDb(env.DB) };
  for (const one of readVisits(batch)) {
    if (!(await record(ctx, [one]))) {
      log("error", "link_visit_lost", {
        id: one.message.id,
        attempts: one.message.attempts,
        visit: one.visit,
      });
      one.message.ack();
    }
  }
}

/** The batch's readable visits; the others are acked, logged with why. */
function readVisits(batch: MessageBatch<unknown>): Delivered[] {
  const delivered: Delivered[] = [];
  for (const message of batch.messages) {
    const parsed = LinkVisitMessageSchema.safeParse(message.body);
    if (parsed.success) {
      delivered.push({ message, visit: parsed.data });
      continue;
    }
    log("error", "link_visit_invalid", { id: message.id, issues: parsed.error.message });
    message.ack();
  }
  return delivered;
}

/** Writes the visits as one batch and acks them; answers false (logged, nothing acked) if the write failed. */
async function record(ctx: CommitContext, delivered: Delivered[]): Promise<boolean> {
  const visits = delivered.map(({ visit }) => visitRecord(visit));
  try {
    await commit(ctx, recordLinkVisits(ctx.db, visits, crypto.randomUUID(), new Date()));
  } catch (error) {
    log("error", "link_visits_not_recorded", { visits: visits.length, error: String(error) });
    return false;
  }
  for (const { message } of delivered) message.ack();
  return true;
}

function retryLater(delivered: Delivered[]): void {
  for (const { message } of delivered) message.retry({ delaySeconds: retryDelaySeconds(message.attempts) });
}

function visitRecord(visit: LinkVisitMessage): LinkVisitRecord {
  const common = {
    visitId: visit.visitId,
    at: new Date(visit.at),
    person: visit.click.by === "person",
    click: visit.click,
  };
  return visit.link === "start"
    ? { link: "start", ...common, token: visit.token, workflowToken: visit.workflowToken }
    : { link: "short", ...common, code: visit.code };
}
