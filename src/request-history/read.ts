import {
  type HistoryOwner,
  historyName,
  oldestKeptTime,
  type StoredRequestRecord,
  utcDay,
} from "../core/request-history";
import { parseRequestEntryId, parseStatusFilter, requestEntryId } from "../core/request-history-query";
import { requestHistory } from "../durable-objects/request-history";
import { ApiError } from "../http/errors";
import { log } from "../log";

/** A read of a history, as the routes' query parameters give it (already validated by their schema). */
export interface HistoryRead {
  path?: string | undefined;
  status?: string | undefined;
  method?: string | undefined;
  limit: number;
  startingAfter?: string | undefined;
}

/** One entry as both APIs show it. */
export function requestEntryView(record: StoredRequestRecord) {
  const { sdkName, sdkVersion } = record;
  return {
    id: requestEntryId(record),
    object: "request" as const,
    time: new Date(record.time).toISOString(),
    method: record.method,
    path: record.path,
    query: record.query,
    route: record.route,
    status: record.status,
    durationMs: record.durationMs,
    errorCode: record.errorCode,
    userAgent: record.userAgent,
    requestId: record.requestId,
    credential: record.credential,
    sdk: sdkName === null && sdkVersion === null ? null : { name: sdkName, version: sdkVersion },
  };
}

/** The history's answer; if it does not answer, a 503 the caller may retry, logged once here. */
async function answered<T>(owner: HistoryOwner, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    log("error", "request_history_read_failed", { history: historyName(owner), error: String(error) });
    throw new ApiError(
      "service_unavailable",
      "The request history did not answer; retry shortly.",
      {},
      { "Retry-After": "5" },
    );
  }
}

/** One page of an owner's history, newest first, as `{object: "list", data, hasMore}`. */
export async function readHistory(env: Env, owner: HistoryOwner, read: HistoryRead) {
  const now = Date.now();
  const query = {
    path: read.path,
    method: read.method,
    status: read.status === undefined ? undefined : (parseStatusFilter(read.status) ?? undefined),
    before:
      read.startingAfter === undefined ? undefined : (parseRequestEntryId(read.startingAfter) ?? undefined),
    limit: read.limit,
    since: oldestKeptTime(now),
  };
  const page = await answered(owner, () => requestHistory(env, owner).list(query));
  return { object: "list" as const, data: page.records.map(requestEntryView), hasMore: page.hasMore };
}

/** The operator's counts of requests refused before authentication, over the days a history keeps. */
export async function readUnauthenticatedCounts(env: Env) {
  const now = Date.now();
  const counts = await answered("operator", () => requestHistory(env, "operator").unauthenticated(now));
  const data = counts.map(({ day, api, status, count }) => ({ date: day, api, status, count }));
  const total = data.reduce((sum, row) => sum + row.count, 0);
  return {
    object: "unauthenticated_request_counts" as const,
    since: utcDay(oldestKeptTime(now)),
    total,
    data,
  };
}
