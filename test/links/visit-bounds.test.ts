import { env } from "cloudflare:workers";
import { inArray } from "drizzle-orm";
import { describe, it } from "vitest";
import { createDb } from "../../src/db/client";
import {
  LINK_VISIT_RETENTION_DAYS,
  LINK_VISITS_FORGOTTEN_PER_VISIT,
  recordLinkVisits,
} from "../../src/db/link-visits-repo";
import { linkVisits } from "../../src/db/schema";
import { shortLinkVisit } from "../../src/links/visit-message";
import { countedD1 } from "../helpers/counted-d1";
import { recordVisits } from "../helpers/link-visits";
import { shortLinkInvitation, storedCounts } from "../helpers/short-links";
import { createVortexTenant } from "../helpers/vortex";

/** The queue's largest batch (wrangler.toml, link-visits `max_batch_size`). */
const MAX_BATCH = 100;
const DAY_MS = 24 * 60 * 60 * 1000;

describe("the link-visits consumer's bounds", () => {
  it(`records a full batch of ${MAX_BATCH} visits in one D1 round trip`, async ({ expect }) => {
    const invitation = await shortLinkInvitation(await createVortexTenant());
    const now = new Date();
    const visits = Array.from({ length: MAX_BATCH }, (_, i) =>
      shortLinkVisit(
        invitation.code,
        i % 2 === 0 ? { by: "person" } : { by: "automated", reason: "head" },
        now,
      ),
    );
    const counted = countedD1(env.DB);
    const { result } = await recordVisits(visits, { env: { ...env, DB: counted.db } });
    expect(result.explicitAcks).toHaveLength(MAX_BATCH);
    expect(counted.counts.primary).toBe(1);
    expect(await storedCounts(invitation.id)).toEqual({ views: MAX_BATCH / 2, clickThroughs: MAX_BATCH / 2 });
  });

  it(`forgets at most ${LINK_VISITS_FORGOTTEN_PER_VISIT} visits past the retention per visit it records, oldest first`, async ({
    expect,
  }) => {
    const invitation = await shortLinkInvitation(await createVortexTenant());
    const db = createDb(env.DB);
    const now = new Date();
    const ids = ["old-1", "old-2", "old-3", "recent"].map((name) => `${name}-${crypto.randomUUID()}`);
    // Older than anything else in the table, and one just inside the retention.
    const recordedAt = [Date.UTC(2000, 0, 1), Date.UTC(2000, 0, 2), Date.UTC(2000, 0, 3)];
    const inside = now.getTime() - LINK_VISIT_RETENTION_DAYS * DAY_MS + 60_000;
    const seed = db
      .insert(linkVisits)
      .values(ids.map((id, i) => ({ id, attempt: "seeded", recordedAt: new Date(recordedAt[i] ?? inside) })));
    const visit = {
      link: "short" as const,
      visitId: crypto.randomUUID(),
      code: invitation.code,
      at: now,
      person: true,
      click: {},
    };
    const record = recordLinkVisits(db, [visit], crypto.randomUUID(), now);
    const left = db
      .select({ id: linkVisits.id })
      .from(linkVisits)
      .where(inArray(linkVisits.id, ids))
      .orderBy(linkVisits.recordedAt);
    // One batch, so that no other file's background consumer forgets these rows in between.
    const [first, ...rest] = [seed, ...record.statements, left];
    const results = await db.batch([first, ...rest]);
    // Two forgotten for the one visit; the third, one past the bound, waits for the next batch.
    expect(results.at(-1)).toEqual([{ id: ids[2] }, { id: ids[3] }]);
    expect(await storedCounts(invitation.id)).toEqual({ views: 0, clickThroughs: 1 });
  });
});
