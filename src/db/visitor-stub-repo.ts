import { eq } from "drizzle-orm";
import type { Database } from "./client";
import { organizationOfInvitation } from "./invitation-conditions";
import { invitations, organizations } from "./schema";

/** What the development visitor stub shows of the invitation it was opened for. */
export interface VisitorStubInvitation {
  token: string;
  dialect: "autodoc" | "vortex";
  recipient: string;
  recipientName: string | null;
  status: string;
  workflowToken: string;
  organizationName: string;
}

/**
 * The invitation of `token`, whatever its organization or mode: only the development stub reads it
 * (src/dev/, served when ENVIRONMENT is development or test), as the visitor app would from its link.
 */
export async function findInvitationForVisitorStub(
  db: Database,
  token: string,
): Promise<VisitorStubInvitation | null> {
  const rows = await db
    .select({
      token: invitations.token,
      dialect: invitations.dialect,
      recipient: invitations.recipient,
      recipientName: invitations.recipientName,
      status: invitations.status,
      workflowToken: invitations.workflowToken,
      organizationName: organizations.name,
    })
    .from(invitations)
    .innerJoin(organizations, organizationOfInvitation)
    .where(eq(invitations.token, token));
  return rows[0] ?? null;
}
