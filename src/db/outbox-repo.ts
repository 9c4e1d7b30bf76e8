import { and, desc, eq } from "drizzle-orm";
import type { Scope } from "../core/scope";
import type { Database } from "./client";
import { outboxMessages } from "./schema";

export type OutboxRow = typeof outboxMessages.$inferSelect;

/**
 * Stores a rendered message once per (invitation, attempt): a repeated call with the same key is a no-op
 * that answers the id stored first, the way a provider honours an idempotency key.
 */
export async function storeOutboxMessage(
  db: Database,
  row: typeof outboxMessages.$inferInsert,
): Promise<string> {
  const [inserted] = await db
    .insert(outboxMessages)
    .values(row)
    .onConflictDoNothing()
    .returning({ id: outboxMessages.id });
  if (inserted) return inserted.id;
  const existing = await db
    .select({ id: outboxMessages.id })
    .from(outboxMessages)
    .where(
      and(eq(outboxMessages.invitationToken, row.invitationToken), eq(outboxMessages.attempt, row.attempt)),
    )
    .get();
  if (!existing) throw new Error("outbox insert conflicted but no row holds its key");
  return existing.id;
}

export async function listOutboxMessages(
  db: Database,
  scope: Scope,
  options: { invitationToken?: string | undefined; limit: number },
): Promise<OutboxRow[]> {
  const conditions = [
    eq(outboxMessages.organizationId, scope.organizationId),
    eq(outboxMessages.livemode, scope.livemode),
    options.invitationToken === undefined
      ? undefined
      : eq(outboxMessages.invitationToken, options.invitationToken),
  ];
  return db
    .select()
    .from(outboxMessages)
    .where(and(...conditions))
    .orderBy(desc(outboxMessages.createdAt))
    .limit(options.limit);
}

/** Every organization's messages, newest first: only for the development outbox page. */
export async function listRecentOutboxMessages(db: Database, limit: number): Promise<OutboxRow[]> {
  return db.select().from(outboxMessages).orderBy(desc(outboxMessages.createdAt)).limit(limit);
}
