import { and, desc, eq } from "drizzle-orm";
import type { Scope } from "../core/scope";
import type { Database } from "./client";
import { outboxMessages } from "./schema";

export type OutboxRow = typeof outboxMessages.$inferSelect;

export type NewOutboxMessage = typeof outboxMessages.$inferInsert;

/**
 * Stores a rendered message once per (invitation, attempt), as a statement of the batch that mirrors the
 * send: a repeat with the same key keeps the message stored first, the way a provider honours an
 * idempotency key.
 */
export function outboxInsertStatement(db: Database, row: NewOutboxMessage) {
  return db.insert(outboxMessages).values(row).onConflictDoNothing();
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
