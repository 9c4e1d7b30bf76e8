import { and, eq, getTableColumns, isNotNull } from "drizzle-orm";
import type { Database } from "./client";
import { invitations, sends } from "./schema";

export type SendRow = typeof sends.$inferSelect;

/** One send's key: the invitation and the attempt (the provider's idempotency key). */
export interface SendKey {
  invitationToken: string;
  attempt: number;
}

/** What a provider answered when it accepted a send, and when it was called. */
export interface AcceptedCall {
  provider: string;
  providerMessageId: string;
  calledAt: Date;
}

/**
 * The `sends` row of an accepted send, written in the batch that mirrors it in D1 (and, when the SendGate
 * could not take the provider's answer, on its own): provider events find their send by its message id. A
 * row written before the gate kept the provider-call record (state `calling`) is completed, not duplicated.
 */
export function acceptedCallStatement(db: Database, key: SendKey, call: AcceptedCall, finishedAt: Date) {
  const answer = {
    provider: call.provider,
    state: "accepted" as const,
    providerMessageId: call.providerMessageId,
    finishedAt,
  };
  return db
    .insert(sends)
    .values({ ...key, ...answer, startedAt: call.calledAt })
    .onConflictDoUpdate({ target: [sends.invitationToken, sends.attempt], set: answer });
}

/**
 * The provider's recorded acceptance of a send, read only when the SendGate says the attempt was begun
 * before: written by the fallback of a gate that could not take the answer, or by the code before the gate
 * kept the provider-call record. A caller that finds it must not call the provider again.
 */
export async function findAcceptedCall(db: Database, key: SendKey): Promise<AcceptedCall | null> {
  const row = await db
    .select({
      provider: sends.provider,
      providerMessageId: sends.providerMessageId,
      calledAt: sends.startedAt,
    })
    .from(sends)
    .where(
      and(
        eq(sends.invitationToken, key.invitationToken),
        eq(sends.attempt, key.attempt),
        eq(sends.state, "accepted"),
        isNotNull(sends.providerMessageId),
      ),
    )
    .get();
  if (!row?.providerMessageId) return null;
  return { provider: row.provider, providerMessageId: row.providerMessageId, calledAt: row.calledAt };
}

/**
 * The send behind a provider's message id, for provider events (unique per provider), with the dialect of
 * its invitation: a few provider events have their own webhook in the Vortex dialect.
 */
export async function findSendByProviderMessage(db: Database, provider: string, providerMessageId: string) {
  return (
    (await db
      .select({ ...getTableColumns(sends), dialect: invitations.dialect })
      .from(sends)
      .innerJoin(invitations, eq(invitations.token, sends.invitationToken))
      .where(and(eq(sends.provider, provider), eq(sends.providerMessageId, providerMessageId)))
      .get()) ?? null
  );
}
