import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import worker from "../../src/index";
import { checkErrorShape, dialectOfPath } from "./error-shapes";
import type { FuzzRequest } from "./fuzz-requests";

const API = "https://api.auto-doc.test";

/** What answers a fuzzed request. */
export type Handler = (request: Request) => Promise<Response>;

/**
 * The Worker's own fetch handler, called in-process (a third cheaper than a round trip through the runtime),
 * its after-response work (`waitUntil`: webhook dispatch) awaited as part of the request, so that what it
 * writes is seen in the request's own batch.
 */
export async function workerFetch(request: Request): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await worker.fetch(request, env, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

export interface Outcome {
  request: FuzzRequest;
  status: number;
  /** The status, with the error code where the dialect has one: `409 delivery_in_flight`. */
  answer: string;
  problem: string | null;
}

/** A request in one line, for a failure message (long paths and bodies cut). */
export function describeRequest(request: FuzzRequest): string {
  const body = request.body === undefined ? "(none)" : JSON.stringify(request.body.slice(0, 300));
  return `${request.kind}: ${request.method} ${request.path.slice(0, 200)} headers ${JSON.stringify(request.headers)} body ${body}`;
}

/**
 * Sends one request and judges its answer: a 5xx, a 3xx, a boundary request's answer other than its due
 * one, or a 4xx out of its dialect's error shape is a problem.
 */
export async function attempt(request: FuzzRequest, handler: Handler): Promise<Outcome> {
  const url = new URL(`${API}${request.path}`);
  const init = {
    method: request.method,
    headers: request.headers,
    ...(request.body === undefined ? {} : { body: request.body }),
  };
  const res = await handler(new Request(url, init));
  let problem: string | null = null;
  let answer = String(res.status);
  if (res.status >= 500) problem = `HTTP ${res.status}: ${(await res.text()).slice(0, 300)}`;
  else if (request.expectStatus !== undefined && res.status !== request.expectStatus) {
    problem = `HTTP ${res.status} where ${request.expectStatus} was due: ${(await res.text()).slice(0, 300)}`;
  } else if (res.status >= 400) {
    const shape = await checkErrorShape(dialectOfPath(url.pathname), res);
    problem = shape.problem;
    if (shape.code) answer = `${res.status} ${shape.code}`;
  } else {
    await res.body?.cancel();
    if (res.status >= 300) problem = `unexpected HTTP ${res.status}`;
  }
  return { request, status: res.status, answer, problem };
}

/** FNV-1a over what was drawn, fixture values (random per run) and the client address left out. */
export function drawDigest(fixtureValues: string[]) {
  let hash = 0x811c9dc5;
  return {
    add(request: FuzzRequest) {
      const { "CF-Connecting-IP": _address, ...headers } = request.headers;
      let text = `${request.kind} ${request.method} ${request.path} ${JSON.stringify(headers)} ${request.body}`;
      for (const value of fixtureValues) if (value) text = text.replaceAll(value, "<fixture>");
      for (let i = 0; i < text.length; i += 1) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
    },
    value: () => hash.toString(16).padStart(8, "0"),
  };
}
