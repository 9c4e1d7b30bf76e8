import { DurableObject } from "cloudflare:workers";
import {
  entriesPastCap,
  type HistoryOwner,
  historyCap,
  historyName,
  nextPruneAt,
  oldestKeptTime,
  type RequestRecord,
  type StoredRequestRecord,
  type UnauthenticatedCount,
  utcDay,
} from "../core/request-history";
import type { HistoryQuery } from "../core/request-history-query";
import {
  countRecords,
  createHistoryTables,
  deleteOlderThan,
  deleteOldest,
  insertRecords,
  oldestEntryTime,
  selectRecords,
} from "../db/request-history-sql";
import { addUnauthenticated, selectUnauthenticated } from "../db/unauthenticated-counts-sql";

/** The running number of entries, so that a write never counts the table. */
const COUNT_KEY = "count";
/** When the age alarm is set for, so that a write need not ask the alarm API. */
const ALARM_KEY = "alarmAt";

/** What one flush of one isolate hands one history. */
export interface HistoryBatch {
  records: RequestRecord[];
  unauthenticated: UnauthenticatedCount[];
  /** A lower cap than HISTORY_MAX_ENTRIES (the tests' setting); never a higher one. */
  maxEntries?: number | undefined;
}

/** A page read from one history: at most `limit` records, newest first. */
export interface HistoryPage {
  records: StoredRequestRecord[];
  hasMore: boolean;
}

/**
 * One per organization and mode (and one for the operator API): the last 30 days or 10,000 requests, whichever
 * is fewer, as a ring buffer in the object's SQLite storage. A write past the cap deletes the oldest entries in
 * the same transaction; an alarm deletes those past 30 days. The rules are in core/request-history.ts.
 */
export class RequestHistory extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    createHistoryTables(ctx.storage.sql);
  }

  async record(batch: HistoryBatch): Promise<void> {
    const { sql, kv } = this.ctx.storage;
    const cap = historyCap(batch.maxEntries);
    this.ctx.storage.transactionSync(() => {
      insertRecords(sql, batch.records);
      let count = (kv.get<number>(COUNT_KEY) ?? 0) + batch.records.length;
      count -= deleteOldest(sql, entriesPastCap(count, cap));
      kv.put(COUNT_KEY, count);
      addUnauthenticated(sql, batch.unauthenticated);
    });
    await this.#scheduleAlarm(Date.now());
  }

  list(query: HistoryQuery): HistoryPage {
    const rows = selectRecords(this.ctx.storage.sql, query);
    return { records: rows.slice(0, query.limit), hasMore: rows.length > query.limit };
  }

  /** The unauthenticated refusals counted over the days the history keeps. */
  unauthenticated(now: number): UnauthenticatedCount[] {
    return selectUnauthenticated(this.ctx.storage.sql, utcDay(oldestKeptTime(now)));
  }

  override async alarm(): Promise<void> {
    const { sql, kv } = this.ctx.storage;
    const now = Date.now();
    const cutoff = oldestKeptTime(now);
    this.ctx.storage.transactionSync(() => {
      deleteOlderThan(sql, cutoff, utcDay(cutoff));
      // Once per alarm, an exact count corrects anything the running count could have missed.
      kv.put(COUNT_KEY, countRecords(sql));
      kv.delete(ALARM_KEY);
    });
    await this.#scheduleAlarm(now);
  }

  /** Sets the age alarm when none is set: at the oldest entry's 30 days, at most once an hour. */
  async #scheduleAlarm(now: number): Promise<void> {
    const { kv } = this.ctx.storage;
    if (kv.get<number>(ALARM_KEY) !== undefined) return;
    const at = nextPruneAt(oldestEntryTime(this.ctx.storage.sql), now);
    if (at === null) return;
    kv.put(ALARM_KEY, at);
    await this.ctx.storage.setAlarm(at);
  }
}

/** The history of one owner. */
export function requestHistory(env: Env, owner: HistoryOwner): DurableObjectStub<RequestHistory> {
  return env.REQUEST_HISTORY.get(env.REQUEST_HISTORY.idFromName(historyName(owner)));
}
