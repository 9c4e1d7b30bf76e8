import { and, eq, lt } from "drizzle-orm";
import type { Database } from "./client";
import { type NewOutboxMessage, outboxInsertStatement } from "./outbox-repo";
import { type Plan, plan, type Statement } from "./plan";
import { invitations, usageRecords } from "./schema";
import { type AcceptedCall, acceptedCallStatement, type SendKey } from "./sends-repo";
import { eventInsertStatement, recordedFrom } from "./timeline";
import { forwardTo } from "./transitions";

export interface AcceptedSend {
  token: string;
  attempt: number;
  sentAt: Date;
  organizationId: string;
  livemode: boolean;
  channel: "email" | "sms";
  /** What the provider answered, when known: the `sends` row that provider events look up is written with it. */
  answer?: AcceptedCall;
  /** The message the outbox provider keeps (it sends nothing itself), stored in the same batch. */
  stored?: NewOutboxMessage;
}

/**
 * Mirrors an accepted send in D1 in one batch: the timeline, the invitation (status, sentAt, attempts), the
 * `sends` row with the provider's message id, the outbox's message, and in live mode the bill. Every write is
 * keyed by the attempt (a guard on `delivery_attempts`, a dedupe key, unique indexes), so a replay changes
 * nothing. The status moves to `sent` only from before it: a link opened meanwhile stays `opened`.
 */
export function recordAcceptedSend(db: Database, send: AcceptedSend, now: Date): Plan<void> {
  const event = eventInsertStatement(db, {
    token: send.token,
    type: "send.accepted",
    at: send.sentAt,
    data: {
      attempt: send.attempt,
      provider: send.answer?.provider ?? null,
      messageId: send.answer?.providerMessageId ?? null,
    },
    dedupeKey: `send:${send.token}:${send.attempt}:accepted`,
    transition: { to: "sent", webhookType: "invitation.sent" },
  });
  const mirror = db
    .update(invitations)
    .set({
      status: forwardTo("sent"),
      sentAt: send.sentAt,
      deliveryAttempts: send.attempt,
      errorMessage: null,
      updatedAt: now,
    })
    .where(and(eq(invitations.token, send.token), lt(invitations.deliveryAttempts, send.attempt)));
  const key = { invitationToken: send.token, attempt: send.attempt };
  const statements: Statement[] = [event, mirror];
  if (send.answer) statements.push(acceptedCallStatement(db, key, send.answer, now));
  if (send.stored) statements.push(outboxInsertStatement(db, send.stored));
  if (send.livemode) {
    const bill = db
      .insert(usageRecords)
      .values({
        organizationId: send.organizationId,
        meter: send.channel === "sms" ? "send.sms" : "send.email",
        invitationToken: send.token,
        attempt: send.attempt,
        createdAt: send.sentAt,
      })
      .onConflictDoNothing();
    statements.push(bill);
  }
  return plan(statements, (results) => ({ value: undefined, events: recordedFrom(results) }));
}

/**
 * A provider's acceptance recorded on its own, when the SendGate could not take it: the `sends` row (and the
 * outbox's message), so that the retry, which the gate tells the attempt was begun before, finds it and does
 * not call the provider again.
 */
export function recordAcceptedCall(
  db: Database,
  key: SendKey,
  call: AcceptedCall,
  stored: NewOutboxMessage | undefined,
  now: Date,
): Plan<void> {
  const statements: Statement[] = [acceptedCallStatement(db, key, call, now)];
  if (stored) statements.push(outboxInsertStatement(db, stored));
  return plan(statements, () => ({ value: undefined, events: [] }));
}
