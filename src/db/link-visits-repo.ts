import { and, eq, exists, inArray, lt, sql } from "drizzle-orm";
import { jsonRows } from "./bounded";
import type { Database } from "./client";
import { recordStartLinkVisit, type StartLinkVisitRecord } from "./links-repo";
import { inSequence, nothing, type Plan, plan } from "./plan";
import { linkVisits } from "./schema";
import { recordShortLinkVisit, type ShortLinkVisitRecord } from "./short-links-repo";

/** Longer than a `link-visits` message can live (4 days' retention and its retries): a copy is always known. */
export const LINK_VISIT_RETENTION_DAYS = 7;
const RETENTION_MS = LINK_VISIT_RETENTION_DAYS * 24 * 60 * 60 * 1000;
/**
 * Visits past the retention each batch forgets, per visit it records: more than it adds, so the ledger
 * never holds much more than the retention window's visits, with no job of its own.
 */
export const LINK_VISITS_FORGOTTEN_PER_VISIT = 2;

export type LinkVisitRecord =
  | ({ link: "start"; visitId: string } & StartLinkVisitRecord)
  | ({ link: "short"; visitId: string } & ShortLinkVisitRecord);

/**
 * A batch of link visits as one write, idempotent per visit. The batch first inserts a ledger row per
 * visit id, tagged with `attempt` (this consumer run), and skips ids already there; each visit's counters,
 * status move and event are then guarded by "the ledger row of this visit is this attempt's", so a visit
 * delivered again (the same message twice, or a batch retried after a crash before or after its write)
 * changes nothing the second time. A visit that appears twice in `visits` is recorded once. The batch also
 * forgets the oldest visits past LINK_VISIT_RETENTION_DAYS, at most LINK_VISITS_FORGOTTEN_PER_VISIT per visit.
 */
export function recordLinkVisits(
  db: Database,
  visits: readonly LinkVisitRecord[],
  attempt: string,
  now: Date,
): Plan<void> {
  const unique = [...new Map(visits.map((visit) => [visit.visitId, visit])).values()];
  if (unique.length === 0) return nothing();
  const ledger = jsonRows(
    "visit",
    unique.map((visit) => ({ id: visit.visitId })),
  );
  const insert = db
    .insert(linkVisits)
    .select(
      db
        .select({
          id: sql<string>`${ledger.field("id")}`.as("id"),
          attempt: sql<string>`${attempt}`.as("attempt"),
          recordedAt: sql<number>`${now.getTime()}`.as("recorded_at"),
        })
        .from(ledger.source)
        // SQLite reads `ON CONFLICT` after a bare `FROM` as a join's `ON`: an upsert's SELECT needs a WHERE.
        .where(sql`true`),
    )
    .onConflictDoNothing();
  const fresh = (visitId: string) =>
    exists(
      db
        .select({ id: linkVisits.id })
        .from(linkVisits)
        .where(and(eq(linkVisits.id, visitId), eq(linkVisits.attempt, attempt))),
    );
  const writes = unique.map((visit) =>
    visit.link === "start"
      ? recordStartLinkVisit(db, visit, fresh(visit.visitId))
      : recordShortLinkVisit(db, visit, fresh(visit.visitId)),
  );
  const forget = forgetVisitsBefore(
    db,
    new Date(now.getTime() - RETENTION_MS),
    LINK_VISITS_FORGOTTEN_PER_VISIT * unique.length,
  );
  const ledgerWrites = plan([forget, insert], () => ({ value: undefined, events: [] }));
  const record = inSequence([ledgerWrites, ...writes]);
  return {
    statements: record.statements,
    read: (results) => ({ ...record.read(results), value: undefined }),
  };
}

/** At most `limit` of the visits recorded before `before`, oldest first, forgotten. */
function forgetVisitsBefore(db: Database, before: Date, limit: number) {
  const oldest = db
    .select({ id: linkVisits.id })
    .from(linkVisits)
    .where(lt(linkVisits.recordedAt, before))
    .orderBy(linkVisits.recordedAt)
    .limit(limit);
  return db.delete(linkVisits).where(inArray(linkVisits.id, oldest));
}
