// One operation under load with autocannon: a short warm-up (the isolate, its caches and the connection pool
// settle), then a fixed duration with a fixed number of connections. Every answer is checked.
import autocannon from "autocannon";
import { othersShare, sampleCpu } from "./noise.ts";
import type { Operation } from "./operations.ts";
import { matches } from "./operations.ts";

export interface LoadSettings {
  connections: number;
  warmupSeconds: number;
  seconds: number;
}

export interface LoadResult {
  /** Answers per second over the measured run. */
  rps: number;
  p50Ms: number;
  p99Ms: number;
  answers: number;
  /** Answers that were not what the operation expects (status or body), and socket errors. */
  unexpected: number;
  /** The first unexpected answer, to say what went wrong. */
  firstUnexpected: string | null;
  /** The share of all cores other processes used meanwhile (noise.ts); null where it cannot be told. */
  othersCpu: number | null;
}

export async function runLoad(operation: Operation, settings: LoadSettings): Promise<LoadResult> {
  await cannon(operation, settings.connections, settings.warmupSeconds);
  const before = sampleCpu();
  const result = await cannon(operation, settings.connections, settings.seconds);
  return { ...result, othersCpu: othersShare(before, sampleCpu()) };
}

async function cannon(
  operation: Operation,
  connections: number,
  seconds: number,
): Promise<Omit<LoadResult, "othersCpu">> {
  const { target, request, expected } = operation;
  let unexpected = 0;
  let firstUnexpected: string | null = null;
  const result = await autocannon({
    url: target.url,
    connections,
    duration: seconds,
    requests: [
      {
        method: request.method,
        path: request.path,
        headers: {
          ...(target.host ? { host: target.host } : {}),
          ...(request.body === undefined ? {} : { "content-type": "application/json" }),
          ...request.headers,
        },
        ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
        onResponse: (status: number, body: string) => {
          if (matches(expected, status, body)) return;
          unexpected += 1;
          firstUnexpected ??= `HTTP ${status} ${body.slice(0, 200)}`;
        },
      },
    ],
  });
  const answers = result.requests.total;
  return {
    rps: answers / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    answers,
    unexpected: unexpected + result.errors,
    firstUnexpected: firstUnexpected ?? (result.errors > 0 ? `${result.errors} socket errors` : null),
  };
}
