import { and, eq, isNull } from "drizzle-orm";
import type { Scope } from "../core/scope";
import type { Database } from "./client";
import { inDialect } from "./invitation-conditions";
import type { InvitationRow } from "./invitations-repo";
import { type Plan, plan } from "./plan";
import { invitations } from "./schema";
import { type EventInput, recordedFrom, statementsFor } from "./timeline";

/** What the visitor app reports of a recipient: they started, completed or rejected the workflow. */
export type VisitorEventType = "started" | "completed" | "rejected";

/**
 * A visitor-app event as one write, one D1 round trip: the status moves forward to it, with its webhook, and
 * the batch ends by reading the invitation as it now is. A `started` from a link we never saw opened (another
 * device, a copied link) also records the open it implies, first. Every statement is limited to the caller's
 * AutoDoc invitations: for another's token it writes nothing and its value is null.
 */
export function recordVisitorEvent(
  db: Database,
  scope: Scope,
  token: string,
  visit: { type: VisitorEventType; dossierId?: string | undefined },
  at: Date,
): Plan<InvitationRow | null> {
  const caller = inDialect(scope, "autodoc");
  const events: EventInput[] = [];
  if (visit.type === "started") {
    events.push({
      token,
      type: "link.opened",
      at,
      data: { implied: true },
      guard: and(caller, isNull(invitations.openedAt)),
      dedupeKey: `visitor:${token}:opened`,
      transition: { to: "opened", webhookType: "invitation.opened" },
    });
  }
  events.push({
    token,
    type: `visitor.${visit.type}`,
    at,
    data: visit.dossierId ? { dossierId: visit.dossierId } : {},
    dedupeKey: `visitor:${token}:${visit.type}`,
    transition: { to: visit.type, webhookType: `invitation.${visit.type}` },
    guard: caller,
  });
  const writes = events.flatMap((event) => statementsFor(db, event));
  const read = db
    .select()
    .from(invitations)
    .where(and(caller, eq(invitations.token, token)));
  return plan([...writes, read], (results) => {
    const rows = results[writes.length] as InvitationRow[];
    return { value: rows[0] ?? null, events: recordedFrom(results.slice(0, writes.length)) };
  });
}
