import { and, eq, gte, lt, sql } from "drizzle-orm";
import type { Database } from "./client";
import { usageRecords } from "./schema";

export interface UsageRow {
  day: string;
  meter: string;
  quantity: number;
}

/** Billable sends per UTC day and meter in [from, to), served by the (organization, created_at) index. */
export async function usageByDay(
  db: Database,
  organizationId: string,
  from: Date,
  to: Date,
): Promise<UsageRow[]> {
  const day = sql<string>`strftime('%Y-%m-%d', ${usageRecords.createdAt} / 1000, 'unixepoch')`;
  return db
    .select({ day, meter: usageRecords.meter, quantity: sql<number>`count(*)` })
    .from(usageRecords)
    .where(
      and(
        eq(usageRecords.organizationId, organizationId),
        gte(usageRecords.createdAt, from),
        lt(usageRecords.createdAt, to),
      ),
    )
    .groupBy(day, usageRecords.meter)
    .orderBy(day, usageRecords.meter);
}
