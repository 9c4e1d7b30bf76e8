import { and, asc, eq, inArray, lt } from "drizzle-orm";
import { inList } from "./bounded";
import type { Database } from "./client";
import { organizationOfInvitation, widgetOfInvitation } from "./invitation-conditions";
import { type Plan, plan } from "./plan";
import { invitations, organizations, widgetConfigurations, workflows } from "./schema";
import { eventInsertStatement, recordEvents, recordedFrom } from "./timeline";

/** What the consumer reads of each invitation it sends: the row, its organization, workflow or widget. */
function deliveryContexts(db: Database) {
  return db
    .select({
      invitation: invitations,
      organizationName: organizations.name,
      organizationSlug: organizations.slug,
      replyTo: organizations.replyTo,
      workflowName: workflows.name,
      widget: {
        emailSubject: widgetConfigurations.emailSubject,
        emailTemplate: widgetConfigurations.emailTemplate,
      },
    })
    .from(invitations)
    .innerJoin(organizations, organizationOfInvitation)
    .leftJoin(
      workflows,
      and(
        eq(workflows.organizationId, invitations.organizationId),
        eq(workflows.livemode, invitations.livemode),
        eq(workflows.token, invitations.workflowToken),
      ),
    )
    .leftJoin(widgetConfigurations, widgetOfInvitation);
}

/**
 * Everything the consumer needs to render and send one invitation, in one indexed read: the AutoDoc
 * workflow or the Vortex widget configuration it names (whichever exists).
 */
export async function loadForDelivery(db: Database, token: string) {
  return (await deliveryContexts(db).where(eq(invitations.token, token)).get()) ?? null;
}
export type DeliveryContext = NonNullable<Awaited<ReturnType<typeof loadForDelivery>>>;

/** The same for any number of invitations, in one read (a queue batch's): by token, absent when not found. */
export async function loadForDeliveries(
  db: Database,
  tokens: readonly string[],
): Promise<Map<string, DeliveryContext>> {
  if (tokens.length === 0) return new Map();
  const rows = await deliveryContexts(db).where(inList(invitations.token, [...new Set(tokens)]));
  return new Map(rows.map((row) => [row.invitation.token, row]));
}

export interface TransientFailure {
  attempt: number;
  /** Null when the send failed before a provider was chosen (e.g. its secret is missing). */
  provider: string | null;
  reason: string;
  retryInSeconds: number;
}

/**
 * A transient failure, in one batch: the reason stays visible, the retry's due time tells the sweeper to
 * leave the invitation alone until then, and the timeline records the failed try.
 */
export function recordTransientFailure(
  db: Database,
  token: string,
  failure: TransientFailure,
  now: Date,
): Plan<void> {
  const event = eventInsertStatement(db, {
    token,
    type: "send.failed",
    at: now,
    data: { ...failure, permanent: false },
  });
  const update = db
    .update(invitations)
    .set({
      errorMessage: failure.reason,
      deliveryDueAt: new Date(now.getTime() + failure.retryInSeconds * 1000),
      updatedAt: now,
    })
    .where(and(eq(invitations.token, token), inArray(invitations.status, ["pending", "sending"])));
  return plan([event, update], (results) => ({ value: undefined, events: recordedFrom(results) }));
}

/** A permanent failure, or retries exhausted: `failed` with the reason, only from a status before it. */
export function markFailed(
  db: Database,
  token: string,
  reason: string,
  now: Date,
  data: Record<string, unknown> = {},
): Plan<void> {
  return recordEvents(db, [
    {
      token,
      type: "send.failed",
      at: now,
      data: { ...data, reason, permanent: true },
      transition: { to: "failed", webhookType: "invitation.failed", errorMessage: reason },
    },
  ]);
}

/**
 * Pending invitations whose delivery is long overdue (served, in due order, by the partial index on pending rows), with
 * what the sweeper needs to tell a lost message from a send that can never happen, and to give that up.
 */
export async function findOverduePending(db: Database, overdueBefore: Date, limit: number) {
  return (
    db
      .select({
        token: invitations.token,
        deliveryAttempts: invitations.deliveryAttempts,
        organizationId: invitations.organizationId,
        livemode: invitations.livemode,
        channel: invitations.channel,
        deactivated: invitations.deactivated,
        expiresAt: invitations.expiresAt,
      })
      .from(invitations)
      .where(
        and(
          eq(invitations.status, "pending"),
          eq(invitations.deliveredBy, "us"),
          lt(invitations.deliveryDueAt, overdueBefore),
        ),
      )
      // Oldest due first, so that a run's leftovers (past its limits) are the next run's first.
      .orderBy(asc(invitations.deliveryDueAt))
      .limit(limit)
  );
}

/** Marks re-enqueued invitations (any number) as due now, so the next sweep leaves them alone for a while. */
export async function markRequeued(db: Database, tokens: string[], now: Date): Promise<void> {
  if (tokens.length === 0) return;
  await db
    .update(invitations)
    .set({ deliveryDueAt: now })
    .where(and(inList(invitations.token, tokens), eq(invitations.status, "pending")));
}
