import type { RouteHandler } from "@hono/zod-openapi";
import { listOutboxMessages, type OutboxRow } from "../../db/outbox-repo";
import type { AppEnv } from "../../env";
import type { listOutbox } from "./outbox.routes";

export function outboxMessageView(row: OutboxRow) {
  return {
    id: row.id,
    invitation: row.invitationToken,
    attempt: row.attempt,
    channel: row.channel,
    from: row.fromAddress,
    to: row.toAddress,
    replyTo: row.replyTo,
    subject: row.subject,
    html: row.html,
    text: row.text,
    createdAt: row.createdAt.toISOString(),
  };
}

export const list: RouteHandler<typeof listOutbox, AppEnv> = async (c) => {
  const { invitation, limit } = c.req.valid("query");
  const rows = await listOutboxMessages(c.var.db, c.var.principal, { invitationToken: invitation, limit });
  return c.json({ object: "list" as const, data: rows.map(outboxMessageView) }, 200);
};
