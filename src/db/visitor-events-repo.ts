import { isNull } from "drizzle-orm";
import type { Database } from "./client";
import type { Plan } from "./plan";
import { invitations } from "./schema";
import { type EventInput, recordEvents } from "./timeline";

/** What the visitor app reports of a recipient: they started, completed or rejected the workflow. */
export type VisitorEventType = "started" | "completed" | "rejected";

/**
 * A visitor-app event as one write: the status moves forward to it, with its webhook. A `started` from a link
 * we never saw opened (another device, a copied link) also records the open it implies, first.
 */
export function recordVisitorEvent(
  db: Database,
  token: string,
  type: VisitorEventType,
  dossierId: string | undefined,
  at: Date,
): Plan<void> {
  const events: EventInput[] = [];
  if (type === "started") {
    events.push({
      token,
      type: "link.opened",
      at,
      data: { implied: true },
      guard: isNull(invitations.openedAt),
      dedupeKey: `visitor:${token}:opened`,
      transition: { to: "opened", webhookType: "invitation.opened" },
    });
  }
  events.push({
    token,
    type: `visitor.${type}`,
    at,
    data: dossierId ? { dossierId } : {},
    dedupeKey: `visitor:${token}:${type}`,
    transition: { to: type, webhookType: `invitation.${type}` },
  });
  return recordEvents(db, events);
}
