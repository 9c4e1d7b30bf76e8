import { z } from "zod";
import { normalizePhoneNumber } from "../../core/phone";
import type { Database } from "../../db/client";
import { loadRelations, type VortexRow } from "../../db/vortex-invitations-repo";
import { vortexInvitationView } from "./invitation-view";

/** The stored form of a target value: e-mail addresses lower-cased, phone numbers in E.164. */
export function normalizeTarget(type: string, value: string): string | null {
  if (type === "email" || type === "username") {
    const email = value.trim().toLowerCase();
    return z.email().safeParse(email).success ? email : null;
  }
  if (type === "phone" || type === "phoneNumber" || type === "sms") return normalizePhoneNumber(value);
  return value.trim();
}

/** Invitations with their groups and accepts, in Vortex's shape (one batch for the relations). */
export async function renderInvitations(db: Database, rows: VortexRow[]) {
  const { groups, accepts } = await loadRelations(
    db,
    rows.map((r) => r.token),
  );
  const now = new Date();
  return rows.map((row) =>
    vortexInvitationView(
      row,
      groups.filter((g) => g.invitationToken === row.token),
      accepts.filter((a) => a.invitationToken === row.token),
      now,
    ),
  );
}

export async function renderInvitation(db: Database, row: VortexRow) {
  const [view] = await renderInvitations(db, [row]);
  return view ?? {};
}
