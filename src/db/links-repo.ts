import { and, eq, gt, inArray, sql } from "drizzle-orm";
import { statusesBefore } from "../core/invitation-status";
import type { Database } from "./client";
import { invitations, organizations } from "./schema";

export interface LinkTarget {
  workflowToken: string;
  expiresAt: Date;
  locale: string;
  organizationName: string;
}

/**
 * The link-click hot path, in one D1 round trip: when `countOpen` (a person clicked), a guarded UPDATE
 * moves the invitation forward to `opened` (only if the workflow matches and the link is still valid),
 * batched with the read that tells the caller what to answer.
 */
export async function resolveLink(
  db: Database,
  token: string,
  workflowToken: string,
  now: Date,
  countOpen: boolean,
): Promise<LinkTarget | null> {
  const read = db
    .select({
      workflowToken: invitations.workflowToken,
      expiresAt: invitations.expiresAt,
      locale: invitations.locale,
      organizationName: organizations.name,
    })
    .from(invitations)
    .innerJoin(organizations, eq(organizations.id, invitations.organizationId))
    .where(eq(invitations.token, token));
  if (!countOpen) return (await read.get()) ?? null;
  const open = db
    .update(invitations)
    .set({
      status: "opened",
      openedAt: sql`COALESCE(${invitations.openedAt}, ${now.getTime()})`,
      updatedAt: now,
    })
    .where(
      and(
        eq(invitations.token, token),
        eq(invitations.workflowToken, workflowToken),
        gt(invitations.expiresAt, now),
        inArray(invitations.status, statusesBefore("opened")),
      ),
    );
  const [, rows] = await db.batch([open, read]);
  return rows[0] ?? null;
}
