import type { Database } from "../../db/client";
import { loadRelations, type VortexRow } from "../../db/vortex-invitations-repo";
import { vortexInvitationView } from "./invitation-view";

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
  if (!view) throw new Error(`rendering ${row.token} gave no view`);
  return view;
}
