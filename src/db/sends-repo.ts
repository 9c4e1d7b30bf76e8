import { and, eq, getTableColumns } from "drizzle-orm";
import type { Database } from "./client";
import { invitations, sends } from "./schema";

export type SendRow = typeof sends.$inferSelect;

/**
 * Written before the provider is called. Answers the row as it was if this attempt was already begun:
 * `accepted` with a message id means the provider took it, and the caller must not send again.
 */
export async function beginProviderCall(
  db: Database,
  key: { invitationToken: string; attempt: number },
  provider: string,
  now: Date,
): Promise<SendRow | null> {
  const existing = await db
    .select()
    .from(sends)
    .where(and(eq(sends.invitationToken, key.invitationToken), eq(sends.attempt, key.attempt)))
    .get();
  if (existing?.state === "accepted") return existing;
  await db
    .insert(sends)
    .values({ ...key, provider, state: "calling", startedAt: now })
    .onConflictDoUpdate({
      target: [sends.invitationToken, sends.attempt],
      set: { state: "calling", provider, startedAt: now },
    });
  return existing ?? null;
}

/** Written after the provider answered. */
export async function finishProviderCall(
  db: Database,
  key: { invitationToken: string; attempt: number },
  result: { state: "accepted" | "failed"; providerMessageId?: string },
  now: Date,
): Promise<void> {
  await db
    .update(sends)
    .set({ state: result.state, providerMessageId: result.providerMessageId ?? null, finishedAt: now })
    .where(and(eq(sends.invitationToken, key.invitationToken), eq(sends.attempt, key.attempt)));
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
